import type { EventEnvelope } from '@homeward/contracts';
import { addTo, minuteOf } from '../domain/counter-delta';
import { applyMovementChange, emptyMovement, type MovementChange, type MovementState } from '../domain/movement-projection';
import type { CounterShards } from '../store/counter-shards';
import type { KeyedLock } from '@homeward/messaging';
import { ProjectionStore } from '../store/projection.store';
import type { ProgrammeState, ReadModel } from '../store/read-model.models';

const throughput = (event: Pick<EventEnvelope, 'time'>) => {
  const delta: Record<string, number> = {};
  addTo(delta, `minute.${minuteOf(event.time)}`, 1);
  return delta;
};

export function createMovementProjector(model: ReadModel, shards: CounterShards, lock: KeyedLock) {
  const movements = new ProjectionStore<MovementState>(model.movements as never, shards, lock, 'movement');
  return async (movementId: string, event: Pick<EventEnvelope, 'id' | 'time'>, change: MovementChange): Promise<void> => {
    await movements.apply(movementId, event.id, (current) => ({
      state: applyMovementChange(current?.state ?? emptyMovement(), change),
      delta: throughput(event),
    }));
  };
}

export function createProgrammeProjector(model: ReadModel, shards: CounterShards, lock: KeyedLock) {
  const programmes = new ProjectionStore<ProgrammeState>(model.programmes as never, shards, lock, 'programme');
  return async (programmeId: string, event: Pick<EventEnvelope, 'id' | 'time'>, change: Partial<ProgrammeState>): Promise<void> => {
    await programmes.apply(programmeId, event.id, (current) => ({ state: { ...current?.state, ...change }, delta: throughput(event) }));
  };
}
