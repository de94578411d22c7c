import type { Model } from 'mongoose';
import { ConflictError, NotFoundError, PreconditionFailedError } from '@homeward/errors';
import type { OutboxFields } from './outbox.plugin';
import type { PendingEvent } from './pending-event';

type Stored<T> = T & OutboxFields & { _id: string };
export type Snapshot<T> = T & { _id: string; version: number };

const HIDDEN = '-outbox -inbox -outboxPending';
const DUPLICATE_KEY = 11000;

export type ApplyOutcome = 'applied' | 'duplicate' | 'missing';

/**
 * Writes an aggregate and the events its change causes in one single-document
 * operation, which MongoDB and FerretDB both make atomic without transactions.
 * Consumers pass the id of the event they are applying: it is recorded in the
 * same write (the document's inbox), so a redelivered event changes nothing.
 */
export class AggregateStore<T extends object> {
  constructor(readonly model: Model<Stored<T>>) {}

  async find(id: string): Promise<Snapshot<T> | null> {
    return (await this.model.findById(id).select(HIDDEN).lean().exec()) as Snapshot<T> | null;
  }

  async get(id: string, what = 'record'): Promise<Snapshot<T>> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError(`${what} ${id} does not exist`);
    return found;
  }

  /** Creates the aggregate; false when it already exists (same id), which a consumer treats as already applied. */
  async create(id: string, state: T, events: readonly PendingEvent[], causedBy?: string): Promise<boolean> {
    try {
      await this.model.collection.insertOne({
        ...state,
        _id: id,
        version: 1,
        outbox: [...events],
        outboxPending: events.length > 0,
        inbox: causedBy ? [causedBy] : [],
      } as never);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async createOrConflict(id: string, state: T, events: readonly PendingEvent[], what = 'record'): Promise<void> {
    if (!(await this.create(id, state, events))) throw new ConflictError(`${what} ${id} already exists`);
  }

  /**
   * Changes the aggregate if it is still at `expectedVersion` (the version the
   * decision was taken on), so two concurrent commands cannot both win.
   */
  async update(
    id: string,
    expectedVersion: number,
    set: Partial<T>,
    events: readonly PendingEvent[],
    what = 'record',
  ): Promise<Snapshot<T>> {
    const updated = await this.model.collection.findOneAndUpdate(
      { _id: id, version: expectedVersion } as never,
      this.changes(set, events) as never,
      // FerretDB implements no projection on findAndModify: strip fields here.
      { returnDocument: 'after' },
    );
    if (updated) {
      const { outbox: _outbox, inbox: _inbox, outboxPending: _pending, ...snapshot } = updated as Record<string, unknown>;
      return snapshot as Snapshot<T>;
    }
    const current = await this.find(id);
    if (!current) throw new NotFoundError(`${what} ${id} does not exist`);
    throw new PreconditionFailedError(
      `${what} ${id} is at version ${current.version}, not ${expectedVersion}: reload it and try again`,
      { currentVersion: current.version },
    );
  }

  /** Applies a consumed event's effect exactly once per event id. */
  async applyOnce(id: string, eventId: string, set: Partial<T>, events: readonly PendingEvent[]): Promise<ApplyOutcome> {
    const result = await this.model.collection.updateOne(
      { _id: id, inbox: { $ne: eventId } } as never,
      this.changes(set, events, eventId) as never,
    );
    if (result.matchedCount === 1) return 'applied';
    const exists = await this.model.collection.countDocuments({ _id: id } as never, { limit: 1 });
    return exists ? 'duplicate' : 'missing';
  }

  /** One update document: the state, the version bump, the events and the applied event id. */
  private changes(set: Partial<T>, events: readonly PendingEvent[], appliedEventId?: string) {
    const $set: Record<string, unknown> = { ...set };
    const $push: Record<string, unknown> = {};
    if (events.length > 0) {
      $set['outboxPending'] = true;
      $push['outbox'] = { $each: [...events] };
    }
    if (appliedEventId) $push['inbox'] = appliedEventId;
    return { $set, $inc: { version: 1 }, ...(Object.keys($push).length > 0 ? { $push } : {}) };
  }
}
