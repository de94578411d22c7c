import type { EventEnvelope } from '@homeward/contracts';
import { applyCaseChange, contributionOf, emptyCase, type CaseChange, type CaseState } from '../domain/case-projection';
import { activeHoldIds, deriveStage, finalStages, isLifecycleFact } from '../domain/case-stage';
import { addTo, counterDelta, minuteOf } from '../domain/counter-delta';
import { movementsOf, passengerOf } from '../domain/passenger';
import { ProjectionStore } from '../store/projection.store';
import type { CounterShards } from '../store/counter-shards';
import type { KeyedLock } from '@homeward/messaging';
import type { HoldViewDoc, ReadModel } from '../store/read-model.models';

const HOLD_CHANGES: ReadonlySet<string> = new Set(['hold-placed', 'hold-lifted', 'withdrawn', 'rejected', 'merged', 'handed-over']);

export type HoldDetails = Omit<HoldViewDoc, 'caseId'>;

/**
 * Applies what an event says about a case to the case's document and the
 * counters, then brings the two small collections that hang off cases in
 * line with it: the passengers of movements and the open holds. Those are
 * set, not incremented, so doing them again after a crash is harmless.
 */
export function createCaseProjector(model: ReadModel, shards: CounterShards, lock: KeyedLock) {
  const cases = new ProjectionStore<CaseState>(model.cases as never, shards, lock, 'case');

  const syncPassenger = async (caseId: string, state: CaseState) => {
    const current = passengerOf(state.facts, state.requiresMedicalEscort);
    for (const movementId of movementsOf(state.facts)) {
      const update =
        current?.movementId === movementId
          ? { $set: { [`passengers.${caseId}`]: current.passenger } }
          : { $unset: { [`passengers.${caseId}`]: '' } };
      // The movement's own events write the same document: take its lock.
      await lock.run(`movement:${movementId}`, () =>
        model.movements.updateOne({ _id: movementId }, { ...update, $setOnInsert: { version: 0, applied: [], pending: [] } } as never, { upsert: true }),
      );
    }
  };

  const syncHolds = async (caseId: string, state: CaseState, placed?: HoldDetails) => {
    const lifecycle = state.facts.filter(isLifecycleFact);
    const open = finalStages.has(deriveStage(lifecycle)) ? [] : activeHoldIds(lifecycle);
    if (placed && open.includes(placed._id)) {
      await model.holds.replaceOne({ _id: placed._id }, { ...placed, caseId }, { upsert: true });
    }
    await model.holds.deleteMany({ caseId, _id: { $nin: open } });
  };

  /**
   * `countEvent`: whether this call counts the event in the throughput; a
   * movement's arrival reaches each of its cases but is one event.
   */
  return async function projectCase(
    caseId: string,
    event: Pick<EventEnvelope, 'id' | 'time'>,
    change: CaseChange,
    options: { countEvent?: boolean; hold?: HoldDetails } = {},
  ): Promise<void> {
    const kind = change.kind === 'fact' ? change.fact.kind : undefined;
    await cases.apply(
      caseId,
      event.id,
      (current) => {
        const state = applyCaseChange(current?.state ?? emptyCase(), change);
        const contribution = contributionOf(state);
        const delta = counterDelta(current?.contribution ?? {}, contribution);
        if (options.countEvent ?? true) addTo(delta, `minute.${minuteOf(event.time)}`, 1);
        return { state, contribution, delta };
      },
      // Under the case's lock: two events of one case (its handover, its
      // movement's arrival) must not write its passenger entry out of order.
      async (doc) => {
        if (change.kind === 'snapshot' || (change.kind === 'fact' && 'movementId' in change.fact)) await syncPassenger(caseId, doc.state);
        if (kind && HOLD_CHANGES.has(kind)) await syncHolds(caseId, doc.state, options.hold);
      },
    );
  };
}

export type CaseProjector = ReturnType<typeof createCaseProjector>;
