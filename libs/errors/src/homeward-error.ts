/**
 * Base of every error the services raise on purpose. `retriable` tells a
 * consumer whether trying again can help (a broker or database hiccup) or the
 * message must go to the dead-letter topic (bad data, a refused rule); the
 * HTTP layer maps `status` and `code` to RFC 9457 problem+json.
 */
export abstract class HomewardError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly retriable: boolean;

  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
