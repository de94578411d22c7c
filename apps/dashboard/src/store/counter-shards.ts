import { SHARDS } from '../domain/shard';
import type { CounterShardDoc, DocCollection, PendingDelta } from './read-model.models';

const DUPLICATE_KEY = 11000;
export const shardId = (shard: number): string => `shard-${shard}`;

/**
 * The dashboard's counters, applied exactly once per change: each change
 * carries a token, and the update that adds it also records the token in the
 * same document, on the condition that it is not there yet. Once the owner of
 * the change has dropped it from its pending list, the token is no longer
 * needed and is removed with the next update of that shard.
 * Each update of a shard is atomic on the server, so concurrent writers
 * (in this process or another instance) never lose each other's changes.
 */
export class CounterShards {
  private ready: Promise<void> | undefined;
  private readonly settled = new Map<number, string[]>();

  constructor(private readonly collection: DocCollection<CounterShardDoc>) {}

  /** Creates the shard documents once, so that updates never need an upsert. */
  ensure(): Promise<void> {
    this.ready ??= (async () => {
      for (let shard = 0; shard < SHARDS; shard++) {
        try {
          await this.collection.insertOne({ _id: shardId(shard), t: {} });
        } catch (error) {
          if ((error as { code?: number }).code !== DUPLICATE_KEY) {
            this.ready = undefined;
            throw error;
          }
        }
      }
    })();
    return this.ready;
  }

  /** Adds the change unless its token says it is there already. */
  async apply(delta: PendingDelta): Promise<void> {
    await this.ensure();
    await this.applyNow(delta);
  }

  private async applyNow(delta: PendingDelta): Promise<void> {
    const forget = this.settled.get(delta.shard) ?? [];
    this.settled.delete(delta.shard);
    const tokenPath = `t.${delta.token}`;
    try {
      const result = await this.collection.updateOne(
        { _id: shardId(delta.shard), [tokenPath]: { $exists: false } },
        {
          $inc: delta.inc,
          $set: { [tokenPath]: Date.now() },
          ...(forget.length > 0 ? { $unset: Object.fromEntries(forget.map((token) => [`t.${token}`, ''])) } : {}),
        },
      );
      if (result.matchedCount === 0) this.requeue(delta.shard, forget);
    } catch (error) {
      this.requeue(delta.shard, forget);
      throw error;
    }
  }

  /** The owners of these changes no longer list them: their tokens may go. */
  settle(deltas: readonly PendingDelta[]): void {
    for (const delta of deltas) this.requeue(delta.shard, [delta.token]);
  }

  /** Every shard, without its tokens. */
  async read(): Promise<CounterShardDoc[]> {
    await this.ensure();
    return this.collection.find({}, { projection: { t: 0 } }).toArray();
  }

  /** Drops the per-minute throughput counters older than `before` (the only counters that grow with time). */
  async prune(before: string): Promise<void> {
    for (const shard of await this.read()) {
      const minutes = Object.keys((shard['minute'] as Record<string, number> | undefined) ?? {}).filter((m) => m < before);
      if (minutes.length > 0) {
        await this.collection.updateOne({ _id: shard._id }, { $unset: Object.fromEntries(minutes.map((m) => [`minute.${m}`, ''])) });
      }
    }
  }

  private requeue(shard: number, tokens: readonly string[]): void {
    if (tokens.length === 0) return;
    this.settled.set(shard, [...(this.settled.get(shard) ?? []), ...tokens]);
  }
}

type Tree = { [key: string]: number | Tree };

/** Counters with their zeros dropped and their keys in order: what two shards equal in every count have in common. */
function counters(tree: Tree): Tree {
  const out: Tree = {};
  for (const key of Object.keys(tree).sort()) {
    const value = tree[key]!;
    if (typeof value === 'number') {
      if (value !== 0) out[key] = value;
    } else if (value !== null && typeof value === 'object') {
      const inner = counters(value);
      if (Object.keys(inner).length > 0) out[key] = inner;
    }
  }
  return out;
}

/**
 * A shard as `npm run rebuild` compares it: every count, and nothing else.
 * Left out are the tokens (`t`, the changes applied but not yet settled,
 * stamped with the time of the write: an idempotency record like the
 * consumer's processed events), counters at zero (a case counted under its
 * destination before its registration arrived, then moved) and the order the
 * fields were first incremented in, all of which follow the order the topics
 * were read in, not what they say; and the throughput minutes before
 * `horizon`, which the live dashboard prunes and a replay counts again.
 */
export function comparableShard(horizon: string): (shard: Record<string, unknown>) => unknown {
  return (shard) => {
    const { _id, t: _tokens, minute, ...rest } = shard;
    const recent = Object.fromEntries(Object.entries((minute as Record<string, number> | undefined) ?? {}).filter(([m]) => m >= horizon));
    return { _id, ...counters({ ...(rest as Tree), minute: recent }) };
  };
}
