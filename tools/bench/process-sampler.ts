import { readFileSync } from 'node:fs';

export interface ProcessPeak {
  /** The largest resident set seen by sampling VmRSS, in MB. */
  readonly rssMb: number;
  /** The kernel's own high-water mark (VmHWM) at the last sample, in MB. */
  readonly hwmMb: number;
  /** User and system CPU time the process used while sampled (the profile's first hint: who spent the cores). */
  readonly cpuSeconds: number;
}

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in hundredths of a second. */
const TICKS_PER_SECOND = 100;

/** VmRSS and VmHWM in MB and the CPU seconds of a process, or undefined once it is gone. */
export function processNow(pid: number): { rssMb: number; hwmMb: number; cpuSeconds: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024, cpuSeconds };
  } catch {
    return undefined;
  }
}

/**
 * Samples the memory and CPU time of named processes every `intervalMs`
 * until stopped: VmHWM alone would do for memory, but it is lost with the
 * process (a service stopped before the end), so the peaks are kept here.
 * A name whose process changes (a restart) adds up the CPU of each.
 */
export function startProcessSampler(pids: () => Record<string, number | undefined>, intervalMs = 1_000) {
  const peaks = new Map<string, { rssMb: number; hwmMb: number; cpu: Map<number, number> }>();
  const sample = () => {
    for (const [name, pid] of Object.entries(pids())) {
      if (pid === undefined) continue;
      const now = processNow(pid);
      if (!now) continue;
      const before = peaks.get(name) ?? { rssMb: 0, hwmMb: 0, cpu: new Map<number, number>() };
      before.cpu.set(pid, now.cpuSeconds);
      peaks.set(name, { rssMb: Math.max(before.rssMb, now.rssMb), hwmMb: Math.max(before.hwmMb, now.hwmMb), cpu: before.cpu });
    }
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  sample();
  const round = (n: number) => Math.round(n * 10) / 10;
  const snapshot = (): Record<string, ProcessPeak> =>
    Object.fromEntries([...peaks].map(([name, p]) => [name, { rssMb: round(p.rssMb), hwmMb: round(p.hwmMb), cpuSeconds: round([...p.cpu.values()].reduce((a, b) => a + b, 0)) }]));
  return {
    /** The figures so far (sampling goes on). */
    snapshot: () => {
      sample();
      return snapshot();
    },
    stop(): Record<string, ProcessPeak> {
      sample();
      clearInterval(timer);
      return snapshot();
    },
  };
}
