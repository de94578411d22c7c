import type { AggregateStore, Snapshot } from '@homeward/persistence';
import { CaseStanding, type CaseFacts } from '../domain/case-facts';
import { MovementStatus } from '../domain/movement';
import type { CaseCopyRecord } from './case-copy.model';
import { CLAIM_LEASE_MS } from './case-claims';
import type { MovementRecord } from './movement.model';

export type CaseCopy = Snapshot<CaseCopyRecord>;

/**
 * Reads logistics' copies of cases and turns them into the facts the pure
 * rules take. Which movement holds a case is read from the movement itself
 * (the case's claim is only a pointer to it), see CaseCopyRecord.movementId.
 */
export class CaseFactsReader {
  constructor(
    private readonly cases: AggregateStore<CaseCopyRecord>,
    private readonly movements: AggregateStore<MovementRecord>,
  ) {}

  /** Read from each case's commit log, which always has the last commit (the queried documents may lag it). */
  async copies(ids: Iterable<string>): Promise<Map<string, CaseCopy>> {
    const found = await Promise.all([...new Set(ids)].map((id) => this.cases.find(id)));
    return new Map(found.filter((c): c is CaseCopy => c !== null).map((c) => [c._id, c]));
  }

  /** The requested cases, their siblings (both directions of the link) and the children already on the movement. */
  async forAssignment(movement: MovementRecord, caseIds: readonly string[]): Promise<{ facts: Map<string, CaseFacts>; copies: Map<string, CaseCopy> }> {
    const copies = await this.copies([...caseIds, ...movement.passengers.map((p) => p.caseId)]);
    // Links recorded only on the sibling's side, found by query (the current-state documents).
    const linkedBack = await this.cases.model.find({ siblingCaseIds: { $in: [...caseIds] } }).select('_id').lean().exec();
    for (const [id, c] of await this.copies(linkedBack.map((c) => String(c._id)))) copies.set(id, c);
    const siblingIds = caseIds.flatMap((id) => copies.get(id)?.siblingCaseIds ?? []).filter((id) => !copies.has(id));
    for (const [id, c] of await this.copies(siblingIds)) copies.set(id, c);
    return { facts: await this.factsOf(copies.values()), copies };
  }

  async factsOf(copies: Iterable<CaseCopy>): Promise<Map<string, CaseFacts>> {
    const seatedOn = new Map<string, MovementRecord | null>();
    const facts = new Map<string, CaseFacts>();
    for (const copy of copies) {
      let holder: MovementRecord | null = null;
      if (copy.movementId) {
        if (!seatedOn.has(copy.movementId)) seatedOn.set(copy.movementId, await this.movements.find(copy.movementId));
        holder = seatedOn.get(copy.movementId) ?? null;
      }
      facts.set(copy._id, toFacts(copy, holder));
    }
    return facts;
  }

  /** Facts of the children who hold a seat on the movement now. */
  async onBoard(movement: MovementRecord): Promise<CaseFacts[]> {
    return [...(await this.factsOf((await this.copies(movement.passengers.map((p) => p.caseId))).values())).values()];
  }

  /** The movement that really holds the case's seat now, if any. */
  async seatHolder(copy: CaseCopy): Promise<Snapshot<MovementRecord> | null> {
    if (!copy.movementId) return null;
    const movement = await this.movements.find(copy.movementId);
    return movement?.passengers.some((p) => p.caseId === copy._id) ? movement : null;
  }
}

function standingOf(copy: CaseCopy, holder: MovementRecord | null): { standing: CaseStanding; note?: string } {
  if (copy.exit) return { standing: CaseStanding.out, note: copy.exitNote ?? copy.exit };
  if (!copy.cleared) return { standing: CaseStanding.notCleared };
  if (holder?.passengers.some((p) => p.caseId === copy._id)) {
    const leftAlready = holder.status === MovementStatus.departed || holder.status === MovementStatus.arrived;
    return { standing: leftAlready ? CaseStanding.travelled : CaseStanding.assignedElsewhere, note: copy.movementId ?? undefined };
  }
  // Claimed a moment ago by an assignment still writing its movement: not free yet.
  if (copy.movementId && copy.claimedAt && Date.now() - Date.parse(copy.claimedAt) < CLAIM_LEASE_MS) {
    return { standing: CaseStanding.assignedElsewhere, note: `${copy.movementId} (assignment in progress)` };
  }
  return { standing: CaseStanding.cleared };
}

export function toFacts(copy: CaseCopy, holder: MovementRecord | null): CaseFacts {
  return {
    caseId: copy._id,
    programmeId: copy.programmeId,
    birthDate: copy.birthDate,
    requiresMedicalEscort: copy.requiresMedicalEscort,
    siblingCaseIds: copy.siblingCaseIds,
    onHold: copy.holds.length > 0,
    ...standingOf(copy, holder),
  };
}
