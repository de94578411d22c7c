export interface ReadinessCheck {
  /** Shown in the readiness response; name the dependency (`mongodb`, `kafka`). */
  readonly name: string;
  /** Resolves when the dependency is usable; the signal aborts when the check times out. */
  readonly check: (signal: AbortSignal) => Promise<void>;
}

export type CheckOutcome = 'up' | 'down' | 'timeout';

export interface CheckResult {
  readonly name: string;
  readonly outcome: CheckOutcome;
  readonly error?: unknown;
}

/** Runs every check at once, each bounded by `timeoutMs`; never rejects. */
export function runReadinessChecks(
  checks: readonly ReadinessCheck[],
  timeoutMs: number,
): Promise<CheckResult[]> {
  return Promise.all(checks.map((check) => runOne(check, timeoutMs)));
}

async function runOne({ name, check }: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ name, outcome: 'timeout' });
    }, timeoutMs);
  });
  const attempt = Promise.resolve()
    .then(() => check(controller.signal))
    .then(
      (): CheckResult => ({ name, outcome: 'up' }),
      (error: unknown): CheckResult => ({ name, outcome: 'down', error }),
    );
  try {
    return await Promise.race([attempt, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
