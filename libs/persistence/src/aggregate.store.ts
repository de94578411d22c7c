import type { Model } from 'mongoose';
import { ConflictError, NotFoundError, PreconditionFailedError } from '@homeward/errors';
import { signalCommitted } from './commit-signal';
import { INBOX_SIZE, isDuplicateKey, type StoredAggregate } from './aggregate.document';
import type { OutboxFields } from './outbox.plugin';
import type { PendingEvent } from './pending-event';
import { openState, personalDataCodecOf, personalFieldsOf, sealEvent, sealState, type PersonalDataCodec, type PersonalFields } from './personal-data.codec';

type Stored<T> = T & OutboxFields & { _id: string };
export type Snapshot<T> = T & { _id: string; version: number };

export type ApplyOutcome = 'applied' | 'duplicate' | 'missing';

/** The fields of the stored document that are the store's, not the aggregate's. */
const BOOKKEEPING = new Set(['_id', 'version', 'outbox', 'outboxAt', 'inbox']);

/**
 * One document per aggregate: its current state (personal fields sealed),
 * the events its last changes caused and the relay has not yet published
 * (`outbox`), and the ids of the last consumed events applied to it
 * (`inbox`). A change is one update of that document, conditional on the
 * version the decision was taken on, so the state and its events commit
 * together or not at all, with what MongoDB guarantees of a single-document
 * write (DESIGN "Guarantees"); the relay (OutboxStore) publishes the events
 * in order and takes them off.
 *
 * Why not a multi-document transaction: every command here changes one
 * aggregate, and one conditional write is a single round trip where a
 * transaction takes four (start, write, outbox insert, commit) and retries on
 * write conflicts; measured on SecantusDB, see the README "Persistence".
 */
export class AggregateStore<T extends object> {
  private readonly fields: PersonalFields;

  constructor(readonly model: Model<Stored<T>>) {
    this.fields = personalFieldsOf(model as unknown as Model<never>);
  }

  /** The service's privacy codec, looked up per call: the runtime sets it on the connection. */
  private get codec(): PersonalDataCodec | undefined {
    return personalDataCodecOf(this.model.db);
  }

  private get collection() {
    return this.model.collection;
  }

  async find(id: string): Promise<Snapshot<T> | null> {
    const stored = (await this.collection.findOne({ _id: id } as never, { projection: { outbox: 0, outboxAt: 0, inbox: 0 } })) as StoredAggregate | null;
    return stored ? this.snapshot(stored) : null;
  }

  async get(id: string, what = 'record'): Promise<Snapshot<T>> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError(`${what} ${id} does not exist`);
    return found;
  }

  /** Creates the aggregate; false when it already exists (same id), which a consumer treats as already applied. */
  async create(id: string, state: T, events: readonly PendingEvent[], causedBy?: string): Promise<boolean> {
    try {
      await this.collection.insertOne((await this.newDocument(id, state, events, causedBy)) as never);
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    signalCommitted(this.model.db);
    return true;
  }

  /**
   * Creates many aggregates with one unordered insert (a bulk import of
   * 20,000 cases): each document is still its own atomic creation with its
   * events. Returns the ids created; the others already existed.
   */
  async createMany(items: ReadonlyArray<{ readonly id: string; readonly state: T; readonly events: readonly PendingEvent[] }>): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    await this.codec?.prepare?.(items.map((i) => i.id));
    const documents = await Promise.all(items.map(({ id, state, events }) => this.newDocument(id, state, events)));
    const existing = new Set<number>();
    try {
      await this.collection.insertMany(documents as never[], { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: Array<{ index: number; code: number }> | { index: number; code: number } }).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (list.length === 0 || list.some((e) => e.code !== 11000)) throw error;
      for (const e of list) existing.add(e.index);
    }
    const created = new Set(items.filter((_item, i) => !existing.has(i)).map((i) => i.id));
    if (created.size > 0) signalCommitted(this.model.db);
    return created;
  }

  async createOrConflict(id: string, state: T, events: readonly PendingEvent[], what = 'record'): Promise<void> {
    if (!(await this.create(id, state, events))) throw new ConflictError(`${what} ${id} already exists`);
  }

  /**
   * Changes the aggregate if it is still at `expectedVersion` (the version the
   * decision was taken on), so two concurrent commands cannot both win.
   */
  async update(id: string, expectedVersion: number, set: Partial<T>, events: readonly PendingEvent[], what = 'record'): Promise<Snapshot<T>> {
    const current = await this.find(id);
    if (!current) throw new NotFoundError(`${what} ${id} does not exist`);
    if (current.version === expectedVersion && (await this.commit(id, expectedVersion, set, events))) {
      return { ...current, ...set, _id: id, version: expectedVersion + 1 };
    }
    const now = current.version === expectedVersion ? await this.find(id) : current;
    throw new PreconditionFailedError(
      `${what} ${id} is at version ${now?.version ?? current.version}, not ${expectedVersion}: reload it and try again`,
      { currentVersion: now?.version ?? current.version },
    );
  }

  /** Applies a consumed event's effect exactly once per event id, whatever else writes meanwhile. */
  async applyOnce(id: string, eventId: string, set: Partial<T>, events: readonly PendingEvent[]): Promise<ApplyOutcome> {
    for (;;) {
      const stored = (await this.collection.findOne({ _id: id } as never, { projection: { version: 1, inbox: 1 } })) as StoredAggregate | null;
      if (!stored) return 'missing';
      if (stored.inbox?.includes(eventId)) return 'duplicate';
      if (await this.commit(id, stored.version, set, events, eventId)) return 'applied';
      // Another change took the version: decide again on the new state.
    }
  }

  /**
   * The conditional write: the changed fields set (sealed; the others stay
   * as stored, an erased child's fields too), the version advanced, the
   * events appended to the outbox and the consumed event's id to the inbox,
   * all in one update of one document.
   */
  private async commit(id: string, version: number, set: Partial<T>, events: readonly PendingEvent[], causedBy?: string): Promise<boolean> {
    const codec = this.codec;
    const sealed = await sealState(codec, id, withoutBookkeeping(set) as T, this.fields);
    const update: Record<string, unknown> = { $set: { ...sealed, version: version + 1 } };
    const push: Record<string, unknown> = {};
    if (events.length > 0) {
      push['outbox'] = { $each: await Promise.all(events.map((e) => sealEvent(codec, e))) };
      // The oldest waiting event's time: the relay's index, kept while the outbox is not empty.
      update['$min'] = { outboxAt: new Date() };
    }
    if (causedBy) push['inbox'] = { $each: [causedBy], $slice: -INBOX_SIZE };
    if (Object.keys(push).length > 0) update['$push'] = push;
    const filter: Record<string, unknown> = { _id: id, version };
    if (causedBy) filter['inbox'] = { $ne: causedBy };
    const result = await this.collection.updateOne(filter as never, update as never);
    if (result.matchedCount === 0) return false;
    if (events.length > 0) signalCommitted(this.model.db);
    return true;
  }

  private async newDocument(id: string, state: T, events: readonly PendingEvent[], causedBy?: string): Promise<StoredAggregate> {
    const codec = this.codec;
    const sealed = await sealState(codec, id, withoutBookkeeping(state) as T, this.fields);
    return {
      ...(sealed as Record<string, unknown>),
      _id: id,
      version: 1,
      outbox: await Promise.all(events.map((e) => sealEvent(codec, e))),
      ...(events.length > 0 ? { outboxAt: new Date() } : {}),
      inbox: causedBy ? [causedBy] : [],
    };
  }

  private async snapshot(stored: StoredAggregate): Promise<Snapshot<T>> {
    const { _id, version, outbox: _o, outboxAt: _a, inbox: _i, ...state } = stored;
    return { ...(await openState(this.codec, _id, state as T, this.fields)), _id, version };
  }
}

function withoutBookkeeping(state: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state).filter(([key]) => !BOOKKEEPING.has(key)));
}
