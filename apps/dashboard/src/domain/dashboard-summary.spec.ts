import { countersFor, sumShards, summarise } from './dashboard-summary';

describe('the summary of the counter shards', () => {
  const shards = [
    { _id: 'shard-0', programmes: { p1: { stage: { RU: { cleared: 2, 'handed-over': 3 } }, stageMs: { cleared: 7_200_000 }, stageExits: { cleared: 2 }, returns: { '2019-07-10': 3 } } } },
    { _id: 'shard-1', programmes: { p1: { stage: { RU: { 'handed-over': 1 }, KZ: { 'on-hold': 1, cleared: 0 } }, holds: { security: 1, medical: 0 }, returns: { '2019-07-11': 1 } } } },
    { _id: 'shard-2', programmes: { p1: { emails: { sent: { assigned: 4 }, failed: { assigned: 1 } } } }, minute: { '2019-07-10T11:58': 6, '2019-07-10T11:59': 4, '2019-07-10T12:00': 9 } },
  ];
  const summary = summarise(countersFor(sumShards(shards), 'all'), new Date('2019-07-10T12:00:30Z'));

  it('adds the shards up by stage and destination', () => {
    expect(summary.totals).toEqual({ cases: 7, handedOver: 4, onHold: 1, inProgress: 3 });
    expect(summary.byDestination).toEqual([
      { destinationState: 'RU', total: 6, stages: { cleared: 2, 'handed-over': 4 } },
      { destinationState: 'KZ', total: 1, stages: { 'on-hold': 1, cleared: 0 } },
    ]);
  });

  it('averages the time spent in a stage over the cases that left it', () => {
    expect(summary.timeInStage.find((s) => s.stage === 'cleared')).toEqual({ stage: 'cleared', exits: 2, averageMs: 3_600_000 });
    expect(summary.timeInStage.find((s) => s.stage === 'boarded')).toEqual({ stage: 'boarded', exits: 0, averageMs: null });
  });

  it('lists returns per day, holds without the empty categories, e-mails per milestone', () => {
    expect(summary.returns).toEqual([
      { day: '2019-07-10', count: 3 },
      { day: '2019-07-11', count: 1 },
    ]);
    expect(summary.holds).toEqual({ total: 1, byCategory: { security: 1 } });
    expect(summary.emails).toEqual({ sent: 4, failed: 1, byMilestone: [{ milestone: 'assigned', sent: 4, failed: 1 }] });
  });

  it('reports events per minute over the last five whole minutes, and the last hour minute by minute', () => {
    expect(summary.throughput.perMinute).toBe(2);
    expect(summary.throughput.lastHour).toHaveLength(60);
    expect(summary.throughput.lastHour.at(-1)).toEqual({ minute: '2019-07-10T12:00', events: 9 });
  });

  it("shows a reader only the programmes their agency takes part in; an operator every one, with counters kept before programmes had branches", () => {
    const total = sumShards([
      { _id: 'shard-0', programmes: { mine: { stage: { RU: { cleared: 2 } }, holds: { security: 1 } }, theirs: { stage: { FR: { cleared: 5 } }, emails: { sent: { assigned: 3 } } } } },
      { _id: 'shard-1', programmes: { _unknown: { stage: { unknown: { 'in-legal-review': 1 } } } }, stage: { KZ: { registered: 1 } }, minute: { '2019-07-10T12:00': 4 } },
    ]);
    const now = new Date('2019-07-10T12:00:30Z');
    const reader = summarise(countersFor(total, new Set(['mine'])), now);
    expect(reader.totals.cases).toBe(2);
    expect(reader.byDestination.map((d) => d.destinationState)).toEqual(['RU']);
    expect(reader.holds).toEqual({ total: 1, byCategory: { security: 1 } });
    expect(reader.emails.sent).toBe(0);
    expect(reader.throughput.lastHour.at(-1)).toEqual({ minute: '2019-07-10T12:00', events: 4 });
    expect(summarise(countersFor(total, new Set()), now).totals.cases).toBe(0);
    const operator = summarise(countersFor(total, 'all'), now);
    expect(operator.totals.cases).toBe(9);
    expect(operator.byDestination.map((d) => d.destinationState)).toEqual(['FR', 'RU', 'KZ', 'unknown']);
    expect(operator.emails.sent).toBe(3);
  });
});
