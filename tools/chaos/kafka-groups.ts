import { AssignerProtocol, type Kafka } from 'kafkajs';

/** The topics a running group's members are assigned, and the group's lag on each (high watermark − committed offset). */
export async function groupLag(kafka: Kafka, groupId: string): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const topics = new Set<string>();
    for (const member of groups[0]?.members ?? []) {
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      for (const topic of Object.keys(decoded?.assignment ?? {})) topics.add(topic);
    }
    const lag = new Map<string, number>();
    if (topics.size === 0) return lag;
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    for (const { topic, partitions } of committed) {
      const high = await admin.fetchTopicOffsets(topic);
      let behind = 0;
      for (const p of high) {
        const at = Number(partitions.find((c) => c.partition === p.partition)?.offset ?? -1);
        behind += Number(p.high) - (at < 0 ? Number(p.low) : at);
      }
      lag.set(topic, behind);
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
