import { isErased } from '@homeward/privacy';
import type { PersonName } from '@homeward/contracts';
import type { BirthDateFacts } from './case-facts';
import { escortNeed } from './escort-rules';
import { isInfant } from './infant-age';
import type { Escort, EscortPolicy, EscortRole, MovementState, PassengerStatus } from './movement';

/** What the manifest shows of a child, from logistics' copy of the case. */
export interface ManifestChildFacts {
  caseId: string;
  sex: string;
  birthDate: BirthDateFacts;
  names: readonly PersonName[];
  guardians: readonly { name: PersonName; relationship: string }[];
  medicalNeeds?: string;
  requiresMedicalEscort: boolean;
}

export interface ManifestRow {
  seat: number;
  caseId: string;
  name: string;
  sex: string;
  dateOfBirth: string;
  infant: boolean;
  status: PassengerStatus;
  guardian: string;
  medicalNeeds: string;
  escort: string;
}

export interface Manifest {
  movementId: string;
  movement: MovementState;
  rows: ManifestRow[];
  totals: { children: number; infants: number; escorts: number; escortsNeeded: number; escortsByRole: Record<EscortRole, number> };
}

const fullName = (n: PersonName): string => `${n.family}, ${n.given}`;
/** The Latin-script name first: the manifest is read at airports on both ends. */
const displayName = (names: readonly PersonName[]): string =>
  [...names.filter((n) => n.script === 'latin'), ...names.filter((n) => n.script !== 'latin')].map(fullName).join(' / ');

/**
 * Which escort looks after which child: a child needing a medical escort goes
 * to the least-loaded medical escort, every other child to the least-loaded
 * escort, in seat order. The ratio rules guarantee there are enough escorts;
 * this only makes the responsibility explicit on paper.
 */
export function allocateEscorts(children: readonly { caseId: string; requiresMedicalEscort: boolean }[], escorts: readonly Escort[]): Map<string, Escort> {
  const load = new Map(escorts.map((e) => [e.escortId, 0]));
  const allocation = new Map<string, Escort>();
  const leastLoaded = (pool: readonly Escort[]) =>
    pool.reduce<Escort | undefined>((best, e) => (!best || load.get(e.escortId)! < load.get(best.escortId)! ? e : best), undefined);
  const medical = escorts.filter((e) => e.role === 'medical');
  for (const child of children) {
    const escort = leastLoaded(child.requiresMedicalEscort && medical.length > 0 ? medical : escorts);
    if (!escort) continue;
    allocation.set(child.caseId, escort);
    load.set(escort.escortId, load.get(escort.escortId)! + 1);
  }
  return allocation;
}

export function buildManifest(
  movementId: string,
  movement: MovementState,
  cases: ReadonlyMap<string, ManifestChildFacts>,
  policy: EscortPolicy | null,
): Manifest {
  const bySeat = [...movement.passengers].sort((a, b) => a.seat - b.seat);
  // An erased child's copy opens to erased markers: the seat stays on the manifest, the person does not.
  const erased = new Set([...cases.entries()].filter(([, c]) => isErased(c.names)).map(([caseId]) => caseId));
  cases = new Map([...cases.entries()].filter(([caseId]) => !erased.has(caseId)));
  const children = bySeat.map((p) => ({ caseId: p.caseId, requiresMedicalEscort: cases.get(p.caseId)?.requiresMedicalEscort ?? false }));
  const escortOf = allocateEscorts(children, movement.escorts);
  const departure = movement.flight.scheduledDeparture;
  const rows = bySeat.map((p): ManifestRow => {
    const child = cases.get(p.caseId);
    const escort = escortOf.get(p.caseId);
    return {
      seat: p.seat,
      caseId: p.caseId,
      name: child ? displayName(child.names) : erased.has(p.caseId) ? '(erased)' : '(unknown to logistics)',
      sex: child?.sex ?? 'unknown',
      dateOfBirth: child ? `${child.birthDate.value}${child.birthDate.precision === 'day' ? '' : ` (${child.birthDate.precision} known)`}` : '',
      infant: child && policy ? isInfant(child.birthDate, policy.infantAgeMonths, departure) : false,
      status: p.status,
      guardian: child ? child.guardians.map((g) => `${fullName(g.name)} (${g.relationship})`).join('; ') : '',
      medicalNeeds: child?.medicalNeeds ?? (child?.requiresMedicalEscort ? 'medical escort required' : ''),
      escort: escort ? `${escort.name} (${escort.role})` : '',
    };
  });
  const escortsByRole: Record<EscortRole, number> = { official: 0, medical: 0, psychologist: 0, carer: 0 };
  for (const e of movement.escorts) escortsByRole[e.role] += 1;
  const need = policy
    ? escortNeed(bySeat.map((p) => cases.get(p.caseId)).filter((c) => c !== undefined).map((c) => ({ ...c })), policy, departure)
    : { escortsNeeded: 0 };
  return {
    movementId,
    movement,
    rows,
    totals: {
      children: rows.length,
      infants: rows.filter((r) => r.infant).length,
      escorts: movement.escorts.length,
      escortsNeeded: need.escortsNeeded,
      escortsByRole,
    },
  };
}
