import { mongo, type Model } from 'mongoose';
import { ConflictError, NotFoundError, PreconditionFailedError } from '@homeward/errors';
import { randomUUID } from 'node:crypto';
import { isBusy, isDuplicateKey, retryWhileBusy } from './busy-retry';
import { signalCommitted } from './commit-signal';
import { BATCH_ENTRY, commitId, commitModelOf, type Commit, type CommitModel, type OutboxEntry, type OutboxModel } from './commit-log';
import type { OutboxFields } from './outbox.plugin';
import type { PendingEvent } from './pending-event';
import { openState, personalDataCodecOf, personalFieldsOf, sealEvent, sealState, type PersonalDataCodec, type PersonalFields } from './personal-data.codec';

type Stored<T> = T & OutboxFields & { _id: string };
export type Snapshot<T> = T & { _id: string; version: number };

const INBOX_SIZE = 200;
/** Heads kept per store: a few megabytes, enough for the aggregates a service is working on. */
const HEADS_KEPT = 5_000;
const isDuplicate = isDuplicateKey;

export type ApplyOutcome = 'applied' | 'duplicate' | 'missing';

/**
 * Changes an aggregate and records the events the change causes in one
 * insert into its commit log, which MongoDB and FerretDB both make atomic
 * without transactions (DESIGN "Guarantees"); the relay publishes the events
 * and keeps the current-state document that lists and searches read in step.
 * Reads of one aggregate go to the log, so they always see the last commit.
 */
export class AggregateStore<T extends object> {
  private readonly commits: CommitModel;
  private readonly outbox: OutboxModel;
  private readonly fields: PersonalFields;
  /**
   * The newest commit this process saw of each aggregate, as BSON bytes: each
   * read gets its own copy, as from the server, so no caller can change it.
   * A hint only: every read still asks the log whether a newer commit exists
   * (one lookup by _id, where reading the current-state document and the
   * commit took three), so another instance's commits are never missed.
   */
  private readonly heads = new Map<string, { readonly version: number; readonly bytes: Uint8Array }>();

  constructor(readonly model: Model<Stored<T>>) {
    ({ commits: this.commits, outbox: this.outbox } = commitModelOf(model as unknown as Model<never>));
    this.fields = personalFieldsOf(model as unknown as Model<never>);
  }

  /** The service's privacy codec, looked up per call: the runtime sets it on the connection. */
  private get codec(): PersonalDataCodec | undefined {
    return personalDataCodecOf(this.model.db);
  }

  async find(id: string): Promise<Snapshot<T> | null> {
    const latest = await this.latest(id);
    return latest ? await this.snapshot(latest) : null;
  }

  async get(id: string, what = 'record'): Promise<Snapshot<T>> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError(`${what} ${id} does not exist`);
    return found;
  }

  /** Creates the aggregate; false when it already exists (same id), which a consumer treats as already applied. */
  async create(id: string, state: T, events: readonly PendingEvent[], causedBy?: string): Promise<boolean> {
    return this.append(id, 1, state, events, [], causedBy);
  }

  /**
   * Creates many aggregates with one insert per collection instead of three
   * round trips each (a bulk import of 20,000 cases). Each commit is still its
   * own document, so each creation is atomic on its own; returns the ids
   * created, the others already existed (as `create` returning false).
   * Order of the writes: commits (the truth), current-state documents, then
   * one outbox entry for all the created commits with their events, so the
   * relay publishes the lot without reading the log and has nothing to
   * project. A crash before the entry is repaired by the relay's start-up scan.
   */
  async createMany(items: ReadonlyArray<{ readonly id: string; readonly state: T; readonly events: readonly PendingEvent[] }>): Promise<Set<string>> {
    await this.codec?.prepare?.(items.map((i) => i.id));
    const commits = await Promise.all(items.map(({ id, state, events }) => this.newCommit(id, 1, state, events, [])));
    const existing = await insertManyIgnoringDuplicates(this.commits as unknown as Model<never>, commits);
    const created = commits.filter((_commit, i) => !existing.has(i));
    if (created.length === 0) return new Set();
    await insertManyIgnoringDuplicates(
      this.model as unknown as Model<never>,
      created.map((c) => ({ ...c.state, _id: c.aggregateId, version: 1 })),
    );
    const entry: OutboxEntry = {
      _id: `${BATCH_ENTRY}${randomUUID()}`,
      commits: created.map(({ _id, aggregateId, version, events }) => ({ _id, aggregateId, version, events })),
    };
    await retryWhileBusy(() => this.outbox.collection.insertOne(entry as never));
    signalCommitted(this.model.db);
    return new Set(created.map((c) => c.aggregateId));
  }

  async createOrConflict(id: string, state: T, events: readonly PendingEvent[], what = 'record'): Promise<void> {
    if (!(await this.create(id, state, events))) throw new ConflictError(`${what} ${id} already exists`);
  }

  /**
   * Changes the aggregate if it is still at `expectedVersion` (the version the
   * decision was taken on), so two concurrent commands cannot both win.
   */
  async update(id: string, expectedVersion: number, set: Partial<T>, events: readonly PendingEvent[], what = 'record'): Promise<Snapshot<T>> {
    const current = await this.latest(id);
    if (!current) throw new NotFoundError(`${what} ${id} does not exist`);
    const state = { ...current.state, ...set };
    if (current.version === expectedVersion && (await this.append(id, expectedVersion + 1, state, events, current.inbox))) {
      return { ...(await openState(this.codec, id, state, this.fields)), _id: id, version: expectedVersion + 1 };
    }
    const now = await this.latest(id);
    throw new PreconditionFailedError(
      `${what} ${id} is at version ${now?.version ?? current.version}, not ${expectedVersion}: reload it and try again`,
      { currentVersion: now?.version ?? current.version },
    );
  }

  /** Applies a consumed event's effect exactly once per event id, whatever else writes meanwhile. */
  async applyOnce(id: string, eventId: string, set: Partial<T>, events: readonly PendingEvent[]): Promise<ApplyOutcome> {
    for (;;) {
      const current = await this.latest(id);
      if (!current) return 'missing';
      if (current.inbox.includes(eventId)) return 'duplicate';
      if (await this.append(id, current.version + 1, { ...current.state, ...set }, events, current.inbox, eventId)) return 'applied';
      // Another change took the version: decide again on the new state.
    }
  }

  /**
   * The newest commit, found by _id only: from the head this process last saw,
   * else from the version the current-state document shows (which the relay
   * keeps close), step forward until the next version is absent.
   */
  private async latest(id: string): Promise<Commit<T> | null> {
    const known = this.heads.get(id);
    let found = known ? (mongo.BSON.deserialize(known.bytes) as Commit<T>) : null;
    let version = found ? found.version + 1 : await this.projectedVersion(id);
    for (; ; version++) {
      const next = (await this.commits.collection.findOne({ _id: commitId(id, version) } as never)) as Commit<T> | null;
      if (!next) break;
      found = next;
    }
    if (found && found.version !== known?.version) this.remember(found);
    else if (known) this.touch(id, known);
    return found;
  }

  /** The version the current-state document shows (1 when there is none): where a walk of the log starts. */
  private async projectedVersion(id: string): Promise<number> {
    const current = (await this.model.collection.findOne({ _id: id } as never, { projection: { version: 1 } })) as { version?: number } | null;
    return current?.version ?? 1;
  }

  private remember(commit: Commit<T> | Commit): void {
    if ((this.heads.get(commit.aggregateId)?.version ?? 0) > commit.version) return;
    this.touch(commit.aggregateId, { version: commit.version, bytes: mongo.BSON.serialize(commit) });
  }

  /** Keeps the head as the most recently used, forgetting the least recently used beyond HEADS_KEPT. */
  private touch(id: string, head: { readonly version: number; readonly bytes: Uint8Array }): void {
    this.heads.delete(id);
    this.heads.set(id, head);
    if (this.heads.size > HEADS_KEPT) this.heads.delete(this.heads.keys().next().value!);
  }

  private async snapshot(commit: Commit<T>): Promise<Snapshot<T>> {
    return { ...(await openState(this.codec, commit.aggregateId, commit.state, this.fields)), _id: commit.aggregateId, version: commit.version };
  }

  /** The commit as stored: personal fields and every event's personal part sealed, search keys blinded. */
  private async newCommit(id: string, version: number, state: T, events: readonly PendingEvent[], inbox: readonly string[], causedBy?: string): Promise<Commit> {
    const codec = this.codec;
    const sealed = await sealState(codec, id, state, this.fields);
    return newCommit(id, version, sealed, await Promise.all(events.map((e) => sealEvent(codec, e))), inbox, causedBy);
  }

  private async append(
    id: string,
    version: number,
    state: T,
    events: readonly PendingEvent[],
    inbox: readonly string[] = [],
    causedBy?: string,
  ): Promise<boolean> {
    const commit = await this.newCommit(id, version, state, events, inbox, causedBy);
    try {
      await this.commits.collection.insertOne(commit as never);
    } catch (error) {
      if (isDuplicate(error)) {
        this.heads.delete(id);
        return false;
      }
      throw error;
    }
    this.remember(commit);
    // The entry carries the events and the state, so the relay reads nothing else.
    const entry: OutboxEntry = { _id: commit._id, aggregateId: id, version, events: commit.events, state: commit.state as Record<string, unknown> };
    await retryWhileBusy(() => this.outbox.collection.insertOne(entry as never)).catch((error: unknown) => {
      if (!isDuplicate(error)) throw error;
    });
    signalCommitted(this.model.db);
    // Best effort now; the relay makes it right if this write loses a race.
    await projectCurrent(this.model as unknown as Model<never>, commit).catch(() => undefined);
    return true;
  }
}

function newCommit<T>(id: string, version: number, state: T, events: readonly PendingEvent[], inbox: readonly string[], causedBy?: string): Commit {
  const { _id: _ignored, version: _v, ...plain } = state as T & { _id?: unknown; version?: unknown };
  return {
    _id: commitId(id, version),
    aggregateId: id,
    version,
    state: plain,
    events: [...events],
    ...(causedBy ? { causedBy } : {}),
    // Enough to recognise any redelivery: Kafka redelivers recent messages, and
    // the processed-event store catches older ones.
    inbox: causedBy ? [...inbox, causedBy].slice(-INBOX_SIZE) : [...(inbox ?? [])],
    committedAt: new Date(),
    published: false,
  };
}

/**
 * Inserts every document it can (unordered); returns the positions refused
 * because the id exists. Documents refused because the server was busy are
 * inserted again (only those: the others are in, and are this call's own).
 */
export async function insertManyIgnoringDuplicates(model: Model<never>, documents: readonly object[], attempts = 10): Promise<Set<number>> {
  const existing = new Set<number>();
  let todo = documents.map((_d, i) => i);
  for (let attempt = 1; todo.length > 0; attempt++) {
    try {
      await model.collection.insertMany(todo.map((i) => documents[i]) as never[], { ordered: false });
      return existing;
    } catch (error) {
      type WriteError = { index: number; code: number; errmsg?: string; message?: string };
      const writeErrors = (error as { writeErrors?: WriteError[] | WriteError }).writeErrors;
      const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
      if (list.length === 0) {
        if (isBusy(error) && attempt < attempts) {
          await busyPause(attempt);
          continue;
        }
        throw error;
      }
      const failed: number[] = [];
      for (const e of list) {
        if (e.code === 11000) existing.add(todo[e.index]!);
        else failed.push(todo[e.index]!);
      }
      if (failed.length > 0 && (attempt >= attempts || !list.every((e) => e.code === 11000 || isBusyCode(e)))) throw error;
      todo = failed;
      if (todo.length > 0) await busyPause(attempt);
    }
  }
  return existing;
}

const isBusyCode = (e: { errmsg?: string; message?: string }) => /SQLITE_BUSY|database is locked/.test(e.errmsg ?? e.message ?? '');
const busyPause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2)));

/**
 * Brings the current-state document up to a commit unless it is already at
 * that version or later. On FerretDB this conditional write is not isolated,
 * so the relay repeats it for the newest commit after publishing.
 */
export async function projectCurrent(model: Model<never>, commit: Pick<Commit, 'aggregateId' | 'version' | 'state'>): Promise<void> {
  const document = { ...commit.state, _id: commit.aggregateId, version: commit.version };
  if (commit.version === 1) {
    try {
      await model.collection.insertOne(document as never);
      return;
    } catch (error) {
      if (!isDuplicate(error)) throw error;
    }
  }
  // Filter on _id alone and compare the version here: FerretDB answers an _id
  // lookup from its index but evaluates any other condition by scanning.
  const current = (await model.collection.findOne({ _id: commit.aggregateId } as never, { projection: { version: 1 } })) as { version?: number } | null;
  if (current && (current.version ?? 0) >= commit.version) return;
  await model.collection.replaceOne({ _id: commit.aggregateId } as never, document as never, { upsert: true });
}
