import { AssignerProtocol, type Admin } from 'kafkajs';

export interface GroupLag {
  readonly groupId: string;
  /** Kafka's group state: Stable, Empty, PreparingRebalance, Dead (never seen) … */
  readonly state: string;
  readonly members: number;
  /** Messages on the group's topics not yet committed by it; null before it committed anything. */
  readonly lag: number | null;
  readonly topics: ReadonlyArray<{ readonly topic: string; readonly lag: number }>;
}

export interface DeadLetterCount {
  readonly service: string;
  readonly topic: string;
  readonly count: number;
}

type Ends = Map<string, Map<number, { low: number; high: number }>>;

async function topicEnds(admin: Admin, topics: readonly string[]): Promise<Ends> {
  const existing = new Set(await admin.listTopics());
  const ends: Ends = new Map();
  for (const topic of topics.filter((t) => existing.has(t))) {
    const offsets = await admin.fetchTopicOffsets(topic);
    ends.set(topic, new Map(offsets.map((o) => [o.partition, { low: Number(o.low), high: Number(o.high) }])));
  }
  return ends;
}

/**
 * Lag per consumer group: for each topic the group subscribes to (from its
 * members' metadata) or has committed on, the end of each partition minus the
 * group's committed offset (kafkajs admin: fetchTopicOffsets vs fetchOffsets).
 */
export async function consumerLag(admin: Admin, groupIds: readonly string[], topics: readonly string[]): Promise<GroupLag[]> {
  const ends = await topicEnds(admin, topics);
  const known = [...ends.keys()];
  const described = await admin.describeGroups([...groupIds]);
  return Promise.all(
    groupIds.map(async (groupId) => {
      const group = described.groups.find((g) => g.groupId === groupId);
      const subscribed = new Set<string>();
      for (const member of group?.members ?? []) {
        try {
          for (const topic of AssignerProtocol.MemberMetadata.decode(member.memberMetadata)?.topics ?? []) subscribed.add(topic);
        } catch {
          // Another client's protocol: its commits still tell which topics it reads.
        }
      }
      const committed = known.length > 0 ? await admin.fetchOffsets({ groupId, topics: known }) : [];
      const perTopic = committed.flatMap(({ topic, partitions }) => {
        const started = partitions.some((p) => Number(p.offset) >= 0);
        if (!started && !subscribed.has(topic)) return [];
        const lag = partitions.reduce((sum, p) => {
          const end = ends.get(topic)?.get(p.partition);
          if (!end) return sum;
          const at = Number(p.offset) >= 0 ? Number(p.offset) : end.low;
          return sum + Math.max(0, end.high - at);
        }, 0);
        return [{ topic, lag, started }];
      });
      const anyCommit = perTopic.some((t) => t.started);
      return {
        groupId,
        state: group?.state ?? 'Unknown',
        members: group?.members.length ?? 0,
        lag: anyCommit ? perTopic.reduce((sum, t) => sum + t.lag, 0) : null,
        topics: perTopic.map(({ topic, lag }) => ({ topic, lag })),
      };
    }),
  );
}

/** Messages in each service's dead-letter topic (end minus start: what was dead-lettered and not purged). */
export async function deadLetterCounts(admin: Admin, topics: ReadonlyArray<{ service: string; topic: string }>): Promise<DeadLetterCount[]> {
  const ends = await topicEnds(
    admin,
    topics.map((t) => t.topic),
  );
  return topics.map(({ service, topic }) => {
    const partitions = [...(ends.get(topic)?.values() ?? [])];
    return { service, topic, count: partitions.reduce((sum, p) => sum + (p.high - p.low), 0) };
  });
}
