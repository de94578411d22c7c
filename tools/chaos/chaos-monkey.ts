import { serviceNames, type ServiceName } from '@homeward/testing';
import type { ChaosServers, ServerName } from './chaos-servers';
import type { ChaosServices } from './chaos-services';

export type Fault = { readonly kind: 'service'; readonly name: ServiceName } | { readonly kind: 'server'; readonly name: Extract<ServerName, 'kafka' | 'mongo'> };

export interface FaultRecord {
  readonly fault: Fault;
  readonly atMs: number;
  readonly downMs: number;
  readonly recoveredMs: number;
}

export interface MonkeyOptions {
  /** Pause before each fault, drawn uniformly from this range. */
  readonly gapMs: readonly [number, number];
}

/** Every fault the run must inflict, in a random order: each service killed `killsPerService` times, Kafka once, the database once. */
export function faultPlan(killsPerService: number, random: () => number = Math.random): Fault[] {
  const faults: Fault[] = [
    ...serviceNames.flatMap((name) => Array.from({ length: killsPerService }, () => ({ kind: 'service', name }) as const)),
    { kind: 'server', name: 'kafka' },
    { kind: 'server', name: 'mongo' },
  ];
  for (let i = faults.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [faults[i], faults[j]] = [faults[j]!, faults[i]!];
  }
  return faults;
}

const between = ([low, high]: readonly [number, number]) => Math.round(low + Math.random() * (high - low));

/**
 * Inflicts the plan one fault at a time, at random moments: SIGKILL of a
 * service process (restarted on the same port), SIGKILL of the Kafka broker
 * or of the database (started again on the same data). Resolves when every fault
 * was inflicted and recovered from.
 */
export async function runMonkey(
  plan: readonly Fault[],
  options: MonkeyOptions,
  targets: { servers: ChaosServers; services: ChaosServices },
  log: (line: string) => void,
): Promise<FaultRecord[]> {
  const started = Date.now();
  const records: FaultRecord[] = [];
  for (const fault of plan) {
    await new Promise((resolve) => setTimeout(resolve, between(options.gapMs)));
    const at = Date.now();
    const downMs = fault.kind === 'service' ? between([100, 3_000]) : between([1_000, 5_000]);
    log(`chaos: SIGKILL ${fault.name} (down ${downMs} ms)`);
    if (fault.kind === 'service') {
      await targets.services.crashAndRestart(fault.name, downMs);
    } else {
      await targets.servers.kill(fault.name);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await targets.servers.start(fault.name);
    }
    const record = { fault, atMs: at - started, downMs, recoveredMs: Date.now() - at };
    records.push(record);
    log(`chaos: ${fault.name} back after ${record.recoveredMs} ms (${records.length}/${plan.length} faults)`);
  }
  return records;
}
