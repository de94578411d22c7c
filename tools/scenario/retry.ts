/** Thrown when a bounded wait runs out; `last` says what was seen at the end, `cause` is the last error if any. */
export class DeadlineExceededError extends Error {
  constructor(
    readonly what: string,
    readonly waitedMs: number,
    readonly last?: string,
    options?: { cause?: unknown },
  ) {
    super(`${what}: not reached after ${(waitedMs / 1000).toFixed(1)} s${last ? ` (last seen: ${last})` : ''}`, options);
    this.name = 'DeadlineExceededError';
  }
}

export interface BackoffOptions {
  /** Give up after this long, counted from the first attempt. */
  readonly timeoutMs: number;
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly factor?: number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Exponential backoff with full jitter (as kafkajs' retrier): the n-th wait is
 * a random time up to initial × factor^n, capped, so that eight workers
 * refused together do not all come back together.
 */
function delays(options: BackoffOptions): () => number {
  const { initialDelayMs = 50, maxDelayMs = 1_000, factor = 2 } = options;
  let ceiling = initialDelayMs;
  return () => {
    const delay = Math.max(10, Math.round(Math.random() * ceiling));
    ceiling = Math.min(maxDelayMs, ceiling * factor);
    return delay;
  };
}

/**
 * Calls `attempt` until it succeeds, retrying only the errors `retryIf`
 * accepts and only until the deadline; then the last error is rethrown,
 * wrapped so that the message says how long was waited.
 */
export async function withRetry<T>(
  what: string,
  attempt: () => Promise<T>,
  retryIf: (error: unknown) => boolean,
  options: BackoffOptions,
): Promise<T> {
  const started = Date.now();
  const next = delays(options);
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!retryIf(error)) throw error;
      const delay = next();
      if (Date.now() + delay - started > options.timeoutMs) {
        throw new DeadlineExceededError(what, Date.now() - started, error instanceof Error ? error.message : String(error), { cause: error });
      }
      await sleep(delay);
    }
  }
}

/** The outcome of one look at something awaited: done with a value, or not yet with what was seen. */
export type Observation<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly seen: string };

export const reached = <T>(value: T): Observation<T> => ({ done: true, value });
export const notYet = (seen: string): Observation<never> => ({ done: false, seen });

/** Polls `observe` with backoff until it reports done, or throws DeadlineExceededError with the last observation. */
export async function pollUntil<T>(what: string, observe: () => Promise<Observation<T>>, options: BackoffOptions): Promise<T> {
  const started = Date.now();
  const next = delays({ initialDelayMs: 25, maxDelayMs: 500, ...options });
  for (;;) {
    const observation = await observe();
    if (observation.done) return observation.value;
    const delay = next();
    if (Date.now() + delay - started > options.timeoutMs) {
      throw new DeadlineExceededError(what, Date.now() - started, observation.seen);
    }
    await sleep(delay);
  }
}
