import { PROGRAMME_COUNTERS } from './case-projection';
import { Stage, stages, type Stage as StageName } from './case-stage';

type Tree = { [key: string]: number | Tree };

/** The counters of every shard added up (the shards hold the same paths). */
export function sumShards(shards: readonly object[]): Tree {
  const total: Tree = {};
  const add = (into: Tree, from: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(from)) {
      if (key === '_id' || key === 't') continue;
      if (typeof value === 'number') into[key] = ((into[key] as number | undefined) ?? 0) + value;
      else if (value && typeof value === 'object') {
        const child = (into[key] ??= {});
        if (typeof child === 'object') add(child, value as Record<string, unknown>);
      }
    }
  };
  for (const shard of shards) add(total, shard as Record<string, unknown>);
  return total;
}

const numbers = (tree: Tree | number | undefined): Record<string, number> =>
  Object.fromEntries(Object.entries(typeof tree === 'object' ? tree : {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
const branch = (tree: Tree | number | undefined): Tree => (typeof tree === 'object' ? tree : {});

/** Which programmes' counters a reader sees: every one (an operator), or these. */
export type VisibleProgrammes = 'all' | ReadonlySet<string>;

/**
 * The counters a reader sees: the sum of the branches of the programmes
 * they may see (`programmes.<id>`), with the throughput minutes, which count
 * events of the whole system (service health, not any programme's cases).
 * An operator also sees counters written before they were kept per
 * programme (top-level `stage`, `holds`… of cases no event has touched since).
 */
export function countersFor(total: Tree, visible: VisibleProgrammes): Tree {
  const { [PROGRAMME_COUNTERS]: perProgramme, minute, ...unscoped } = total;
  const branches = Object.entries(branch(perProgramme))
    .filter(([programmeId]) => visible === 'all' || visible.has(programmeId))
    .map(([, counters]) => branch(counters));
  return sumShards([...(visible === 'all' ? [unscoped] : []), ...branches, { minute: branch(minute) }]);
}


export interface Summary {
  readonly generatedAt: string;
  readonly totals: { readonly cases: number; readonly handedOver: number; readonly onHold: number; readonly inProgress: number };
  readonly byStage: ReadonlyArray<{ readonly stage: StageName; readonly count: number }>;
  readonly byDestination: ReadonlyArray<{ readonly destinationState: string; readonly total: number; readonly stages: Record<string, number> }>;
  readonly timeInStage: ReadonlyArray<{ readonly stage: StageName; readonly exits: number; readonly averageMs: number | null }>;
  readonly returns: ReadonlyArray<{ readonly day: string; readonly count: number }>;
  readonly holds: { readonly total: number; readonly byCategory: Record<string, number> };
  readonly emails: {
    readonly sent: number;
    readonly failed: number;
    readonly byMilestone: ReadonlyArray<{ readonly milestone: string; readonly sent: number; readonly failed: number }>;
  };
  readonly throughput: {
    /** Events per minute over the last five whole minutes. */
    readonly perMinute: number;
    readonly lastHour: ReadonlyArray<{ readonly minute: string; readonly events: number }>;
  };
}

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
const notDone: ReadonlySet<string> = new Set([Stage.handedOver, Stage.withdrawn, Stage.rejected, Stage.merged]);

/** The programme panels, from the summed counters. `now` sets the throughput window. */
export function summarise(counters: Tree, now: Date): Summary {
  const byDestination = Object.entries(branch(counters['stage']))
    .map(([destinationState, tree]) => {
      const perStage = numbers(tree);
      return { destinationState, total: sum(perStage), stages: perStage };
    })
    .filter((d) => d.total !== 0)
    .sort((a, b) => b.total - a.total || a.destinationState.localeCompare(b.destinationState));
  const byStage = stages.map((stage) => ({ stage, count: byDestination.reduce((n, d) => n + (d.stages[stage] ?? 0), 0) }));
  const count = (stage: StageName) => byStage.find((s) => s.stage === stage)?.count ?? 0;

  const spent = numbers(counters['stageMs']);
  const exits = numbers(counters['stageExits']);
  const timeInStage = stages.map((stage) => ({
    stage,
    exits: exits[stage] ?? 0,
    averageMs: exits[stage] ? Math.round((spent[stage] ?? 0) / exits[stage]) : null,
  }));

  const returns = Object.entries(numbers(counters['returns']))
    .filter(([, n]) => n !== 0)
    .map(([day, n]) => ({ day, count: n }))
    .sort((a, b) => a.day.localeCompare(b.day));

  const sent = numbers(branch(counters['emails'])['sent']);
  const failed = numbers(branch(counters['emails'])['failed']);
  const milestones = [...new Set([...Object.keys(sent), ...Object.keys(failed)])].sort();

  const minutes = numbers(counters['minute']);
  const current = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const lastHour = Array.from({ length: 60 }, (_, i) => {
    const minute = new Date(current.getTime() - (59 - i) * 60_000).toISOString().slice(0, 16);
    return { minute, events: minutes[minute] ?? 0 };
  });
  const lastFive = lastHour.slice(-6, -1).reduce((n, m) => n + m.events, 0);

  const holdCounts = Object.fromEntries(Object.entries(numbers(counters['holds'])).filter(([, n]) => n !== 0));
  return {
    generatedAt: now.toISOString(),
    totals: {
      cases: sum(Object.fromEntries(byStage.map((s) => [s.stage, s.count]))),
      handedOver: count(Stage.handedOver),
      onHold: count(Stage.onHold),
      inProgress: byStage.filter((s) => !notDone.has(s.stage)).reduce((n, s) => n + s.count, 0),
    },
    byStage,
    byDestination,
    timeInStage,
    returns,
    holds: { total: sum(holdCounts), byCategory: holdCounts },
    emails: {
      sent: sum(sent),
      failed: sum(failed),
      byMilestone: milestones.map((milestone) => ({ milestone, sent: sent[milestone] ?? 0, failed: failed[milestone] ?? 0 })),
    },
    throughput: { perMinute: Math.round((lastFive / 5) * 10) / 10, lastHour },
  };
}
