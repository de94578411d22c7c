/**
 * Counters are flat maps from a dotted path (`stage.RU.cleared`) to a number,
 * the form MongoDB's `$inc` takes. A case's contribution is such a map; what
 * an event changes is the difference between two contributions.
 */
export type Counters = Readonly<Record<string, number>>;

export function addTo(counters: Record<string, number>, path: string, amount: number): void {
  counters[path] = (counters[path] ?? 0) + amount;
}

/** `after - before`, without the paths that did not change. */
export function counterDelta(before: Counters, after: Counters): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const path of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const change = (after[path] ?? 0) - (before[path] ?? 0);
    if (change !== 0) delta[path] = change;
  }
  return delta;
}

/** The minute an event happened in, the key of the throughput counters (UTC). */
export const minuteOf = (time: string): string => new Date(time).toISOString().slice(0, 16);

/** The UTC day, the key of the returns-over-time counters. */
export const dayOf = (time: string): string => new Date(time).toISOString().slice(0, 10);

/** Path segments are country codes, stage names, days and minutes: never a dot or a `$`. */
export function safeSegment(value: string): string {
  return value.replace(/[.$]/g, '_');
}
