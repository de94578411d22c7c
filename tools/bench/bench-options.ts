import { parseArgs } from 'node:util';

/** Everything one benchmark run is told; `--quick` only changes the counts' defaults. */
export interface BenchOptions {
  readonly quick: boolean;
  /** Registrations offered per second, open loop, in the latency phase. */
  readonly rate: number;
  readonly latencyCases: number;
  /** Registrations sent as fast as the API takes them, in the throughput phase. */
  readonly throughputCases: number;
  /** Registrations in flight at once in the throughput phase. */
  readonly concurrency: number;
  readonly importRows: number;
  /** Cases in intake's and the dashboard's databases when the queries are timed. */
  readonly queryCases: number;
  /** Timed runs of each query. */
  readonly queryRuns: number;
  /** How long a phase may take to drain before what is missing is reported as missing. */
  readonly drainMs: number;
  readonly workDir: string | undefined;
  /** Every app runs with --cpu-prof; the report names what took their time. */
  readonly cpuProfile: boolean;
  readonly ports: BenchPorts;
}

export interface BenchPorts {
  readonly kafka: number;
  readonly kafkaController: number;
  readonly mongo: number;
  readonly smtp: number;
  readonly mailpit: number;
  /** intake, legal, logistics, notification, dashboard: this port and the four after it. */
  readonly services: number;
}

export class BenchUsageError extends Error {}

export const BENCH_HELP = `npm run bench -- [options]

Measures the pipeline on servers and services of its own (own ports, own run
directory tmp/bench/<run>/) and writes report.json, summary.md and chart.svg there.

  --quick                    a small run of a few minutes (200 cases, 2,000 rows, 5,000 cases for the queries)
  --rate N                   registrations per second offered open loop in the latency phase (default 100)
  --latency-cases N          registrations in the latency phase (default 3,000; quick 200)
  --throughput-cases N       registrations in the throughput phase (default 2,000; quick 200)
  --concurrency N            registrations in flight in the throughput phase (default 32)
  --import-rows N            rows of the bulk import (default 20,000; quick 2,000)
  --query-cases N            cases in the database when the queries are timed (default 100,000; quick 5,000)
  --query-runs N             timed runs of each query (default 200; quick 100)
  --drain-seconds N          how long a phase may take to drain (default 1,800; quick 600)
  --cpu-prof                 every app runs with node's --cpu-prof; the report lists where their time went
  --work-dir DIR             where the run's servers, logs and report go (default tmp/bench/<run>)
  --kafka-port N             (default 39092)   --kafka-controller-port N (default 39093)
  --mongo-port N             (default 27317)   --smtp-port N             (default 31025)
  --mailpit-port N           (default 38025)   --service-ports N         (default 33001: intake, legal, logistics, notification, dashboard on N..N+4)
  --help                     this text
`;

const OPTIONS = {
  quick: { type: 'boolean' },
  'cpu-prof': { type: 'boolean' },
  help: { type: 'boolean' },
  rate: { type: 'string' },
  'latency-cases': { type: 'string' },
  'throughput-cases': { type: 'string' },
  concurrency: { type: 'string' },
  'import-rows': { type: 'string' },
  'query-cases': { type: 'string' },
  'query-runs': { type: 'string' },
  'drain-seconds': { type: 'string' },
  'work-dir': { type: 'string' },
  'kafka-port': { type: 'string' },
  'kafka-controller-port': { type: 'string' },
  'mongo-port': { type: 'string' },
  'smtp-port': { type: 'string' },
  'mailpit-port': { type: 'string' },
  'service-ports': { type: 'string' },
} as const;

function positive(name: string, raw: string | undefined, fallback: number, max = 10_000_000): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new BenchUsageError(`--${name} must be an integer from 1 to ${max}, got '${raw}'`);
  return value;
}

/** The run's options, or `'help'`; a bad argument is a BenchUsageError whose message is one line. */
export function parseBenchArgs(args: readonly string[]): BenchOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new BenchUsageError((error as Error).message.split('\n')[0]!);
  }
  if (values['help']) return 'help';
  const quick = values['quick'] === true;
  const text = (name: keyof typeof OPTIONS) => values[name] as string | undefined;
  const port = (name: keyof typeof OPTIONS, fallback: number) => positive(name, text(name), fallback, 65_535);
  const services = port('service-ports', 33_001);
  if (services + 4 > 65_535) throw new BenchUsageError(`--service-ports needs five ports from ${services}`);
  return {
    quick,
    rate: positive('rate', text('rate'), 100, 100_000),
    latencyCases: positive('latency-cases', text('latency-cases'), quick ? 200 : 3_000),
    throughputCases: positive('throughput-cases', text('throughput-cases'), quick ? 200 : 2_000),
    concurrency: positive('concurrency', text('concurrency'), 32, 1_000),
    importRows: positive('import-rows', text('import-rows'), quick ? 2_000 : 20_000, 50_000),
    queryCases: positive('query-cases', text('query-cases'), quick ? 5_000 : 100_000),
    queryRuns: positive('query-runs', text('query-runs'), quick ? 100 : 200),
    drainMs: positive('drain-seconds', text('drain-seconds'), quick ? 600 : 1_800) * 1_000,
    workDir: text('work-dir'),
    cpuProfile: values['cpu-prof'] === true,
    ports: {
      kafka: port('kafka-port', 39_092),
      kafkaController: port('kafka-controller-port', 39_093),
      mongo: port('mongo-port', 27_317),
      smtp: port('smtp-port', 31_025),
      mailpit: port('mailpit-port', 38_025),
      services,
    },
  };
}
