import { z } from 'zod';

// What legal's evidence endpoint accepts (apps/legal/src/http/legal-file.requests.ts), restated
// here: the scenario is a client and may not import the service; a drift shows up as a 400 in the run.
const text = (max: number) => z.string().trim().min(1).max(max);
export const EvidenceRequestShape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), documentType: text(100), number: text(100), issuingAuthority: text(200), issuedOn: z.iso.date() }).strict(),
  z.object({ kind: z.literal('dna'), laboratory: text(200), sampleId: text(100), testedRelative: text(100), kinshipProbability: z.number().min(0).max(1) }).strict(),
]);
