import type { Actor } from './api-client';
import type { DecisionBody, EvidenceBody, RequirementCode } from './homeward-apis';
import type { SeedChild } from './seed-children';
import { ACTORS } from './seed-groups';

/** One requirement of a child's checklist as the scenario meets it: the evidence (if any) and the decision, by whom. */
export interface RequirementWork {
  readonly code: RequirementCode;
  readonly evidence?: EvidenceBody;
  readonly decision: DecisionBody;
  readonly by: Actor;
}

// Invented, generic authorities and laboratories: no real institution is meant.
const DNA_LABORATORY = 'Federal Forensic Genetics Laboratory No. 1';
const CHILD_SERVICES = 'Guardianship and Trusteeship Authority of the guardian\'s district';
const IRAQI_COURT = 'Juvenile Court of Baghdad';
const EXIT_AUTHORITY = 'Ministry of Interior of Iraq, Residency Directorate';
const CONSULATE = 'Consular Section of the Embassy of the Russian Federation in Baghdad';

/** Documents are dated a few weeks before the child's flight. */
function issuedBefore(departure: string, days: number): string {
  const date = new Date(`${departure.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/**
 * The whole checklist of a seed child, every requirement satisfied on
 * evidence of the kind the seed report describes: nationality by DNA
 * kinship with the guardian, the guardian approved by child services, the
 * mother's consent (or a court order when she cannot give it), Iraqi exit
 * clearance, a Russian consular travel document; the screening outcome by
 * the screening officer, whose reasons no one else sees.
 */
export function legalChecklist(child: SeedChild, departure: string): RequirementWork[] {
  const tag = child.ref.replace('-', '').toUpperCase();
  const guardian = child.registration.guardians[0];
  const mother = child.registration.mother;
  const motherCanConsent = mother?.status === 'detained' || mother?.status === 'convicted';
  const { legalOfficer, screeningOfficer } = ACTORS;
  return [
    {
      code: 'nationality-verified',
      evidence: {
        kind: 'dna',
        laboratory: DNA_LABORATORY,
        sampleId: `DNA-2019-${tag}`,
        testedRelative: guardian?.relationship ?? 'grandmother',
        kinshipProbability: 0.9998,
      },
      decision: { decision: 'satisfied', reason: `Kinship with the ${guardian?.relationship ?? 'relative'}, a Russian citizen, confirmed by DNA.` },
      by: legalOfficer,
    },
    {
      code: 'guardian-approved',
      evidence: { kind: 'document', documentType: 'Guardianship suitability assessment', number: `GTA-${tag}`, issuingAuthority: CHILD_SERVICES, issuedOn: issuedBefore(departure, 30) },
      decision: { decision: 'satisfied', reason: 'Child services found the guardian suitable; sponsorship agreement signed.', basis: 'guardian-or-sponsor-approved' },
      by: legalOfficer,
    },
    {
      code: 'parental-consent',
      evidence: motherCanConsent
        ? { kind: 'document', documentType: 'Notarised parental consent', number: `PC-${tag}`, issuingAuthority: 'Notary public, Baghdad', issuedOn: issuedBefore(departure, 40) }
        : { kind: 'document', documentType: 'Court order on the return of the child', number: `CO-${tag}`, issuingAuthority: IRAQI_COURT, issuedOn: issuedBefore(departure, 40) },
      decision: {
        decision: 'satisfied',
        reason: motherCanConsent ? 'The mother consented to the return before a notary.' : 'The mother cannot consent; the origin-state court ordered the return.',
      },
      by: legalOfficer,
    },
    {
      code: 'exit-clearance',
      evidence: { kind: 'document', documentType: 'Exit permit', number: `EX-${tag}`, issuingAuthority: EXIT_AUTHORITY, issuedOn: issuedBefore(departure, 10) },
      decision: { decision: 'satisfied', reason: 'Exit permit issued by the origin state.' },
      by: legalOfficer,
    },
    {
      code: 'travel-document',
      evidence: { kind: 'document', documentType: 'Certificate of return to the Russian Federation', number: `CR-${tag}`, issuingAuthority: CONSULATE, issuedOn: issuedBefore(departure, 14) },
      decision: { decision: 'satisfied', reason: 'Travel document issued by the destination consulate.' },
      by: legalOfficer,
    },
    {
      code: 'security-screening',
      decision: { decision: 'satisfied', reason: 'No concerns found in the screening interview and checks.' },
      by: screeningOfficer,
    },
  ];
}
