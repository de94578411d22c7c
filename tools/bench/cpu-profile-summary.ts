import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
}

export interface ProfileHint {
  readonly file: string;
  readonly sampledSeconds: number;
  /** Self time by where the code lives: a package of node_modules, node's own, the app, or idle/GC. */
  readonly byPlace: readonly { readonly place: string; readonly share: number }[];
  readonly topFunctions: readonly { readonly name: string; readonly share: number }[];
}

/** Where a frame's code lives: `kafkajs`, `mongodb`, `node:internal`, `apps/intake`, `(idle)`… */
export function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  const local = /\/(apps\/[^/]+|libs\/[^/]+)\//.exec(url);
  return local ? local[1]! : url;
}

/** The self time of a V8 CPU profile (`--cpu-prof`), by place and by function. */
export function summariseProfile(file: string, top = 12): ProfileHint {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const hits = new Map<number, number>();
  if (profile.samples) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  const total = [...hits.values()].reduce((a, b) => a + b, 0) || 1;
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const node of profile.nodes) {
    const n = hits.get(node.id) ?? 0;
    if (n === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = placeOf(url, functionName);
    places.set(place, (places.get(place) ?? 0) + n);
    const name = `${functionName || '(anonymous)'} ${place}${url ? `:${lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + n);
  }
  const ranked = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, n]) => ({ share: Math.round((n / total) * 1000) / 1000, key: k }));
  return {
    file,
    sampledSeconds: Math.round((profile.endTime - profile.startTime) / 1e5) / 10,
    byPlace: ranked(places).map(({ key, share }) => ({ place: key, share })),
    topFunctions: ranked(functions).map(({ key, share }) => ({ name: key, share })),
  };
}

/** Every profile an app wrote into `dir` (one per process, named by node). */
export function summariseProfiles(dir: string): Record<string, ProfileHint[]> {
  const result: Record<string, ProfileHint[]> = {};
  let apps: string[] = [];
  try {
    apps = readdirSync(dir);
  } catch {
    return result;
  }
  for (const app of apps) {
    const files = readdirSync(join(dir, app)).filter((f) => f.endsWith('.cpuprofile'));
    result[app] = files.map((f) => summariseProfile(join(dir, app, f)));
  }
  return result;
}
