/** The targets of DESIGN.md "Targets" (issue 16), as the report checks them. */
export interface TargetCheck {
  readonly name: string;
  /** `at least` or `under` / `at most`, and the limit, in the unit. */
  readonly rule: 'at-least' | 'under' | 'at-most';
  readonly limit: number;
  readonly unit: string;
  /** undefined: not measured in this run. */
  readonly measured: number | undefined;
  /** The measurement is complete (every case counted); an incomplete one fails. */
  readonly complete: boolean;
  readonly pass: boolean | undefined;
  readonly note?: string;
}

export interface TargetInput {
  readonly eventsPerSecond: number;
  readonly ratio: number;
  readonly throughputComplete: boolean;
  readonly rate: number;
  readonly p99Ms: number;
  readonly relayP99Ms: number;
  readonly latencyComplete: boolean;
  readonly importRows: number;
  readonly secondsToDashboard: number;
  readonly importComplete: boolean;
  readonly queryCases: number;
  readonly dashboardP95Ms: number;
  readonly searchP95Ms: number;
  readonly queryComplete: boolean;
  readonly rssMbMax: number;
}

function check(name: string, rule: TargetCheck['rule'], limit: number, unit: string, measured: number | undefined, complete: boolean, note?: string): TargetCheck {
  const within = measured === undefined || !Number.isFinite(measured) ? undefined : rule === 'at-least' ? measured >= limit : rule === 'under' ? measured < limit : measured <= limit;
  return { name, rule, limit, unit, measured, complete, pass: within === undefined ? undefined : within && complete, ...(note ? { note } : {}) };
}

export function targetChecks(m: TargetInput): TargetCheck[] {
  return [
    check('throughput end to end', 'at-least', 1_000, 'events/s', m.eventsPerSecond, m.throughputComplete),
    check('share of the null pipeline', 'at-least', 0.4, '×', m.ratio, m.throughputComplete),
    check(`latency p99, API accept → SMTP accept, at ${m.rate} cases/s`, 'under', 200, 'ms', m.p99Ms, m.latencyComplete),
    check('relay p99 (commit → Kafka append)', 'at-most', 50, 'ms', m.relayP99Ms, m.latencyComplete),
    check(`import of ${m.importRows.toLocaleString('en')} rows until counted on the dashboard`, 'under', 60, 's', m.secondsToDashboard, m.importComplete, m.importRows === 20_000 ? undefined : 'the target is for 20,000 rows'),
    check(`dashboard panels p95 with ${m.queryCases.toLocaleString('en')} cases`, 'under', 50, 'ms', m.dashboardP95Ms, m.queryComplete),
    check(`name search p95, any script, with ${m.queryCases.toLocaleString('en')} cases`, 'under', 100, 'ms', m.searchP95Ms, m.queryComplete),
    check('peak RSS of any service', 'at-most', 300, 'MB', m.rssMbMax, true),
    check('event reaches a connected dashboard browser', 'under', 1_000, 'ms', undefined, false, 'not measured by this benchmark'),
  ];
}

const RULE_TEXT = { 'at-least': '≥', under: '<', 'at-most': '≤' } as const;

export function describeTarget(t: TargetCheck): string {
  return `${RULE_TEXT[t.rule]} ${t.limit.toLocaleString('en')} ${t.unit}`;
}

export function verdict(t: TargetCheck): string {
  if (t.pass === undefined) return 'n/a';
  return t.pass ? 'pass' : t.complete ? 'FAIL' : 'FAIL (incomplete)';
}
