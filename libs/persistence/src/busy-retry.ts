const DUPLICATE_KEY = 11000;

/** A duplicate key: the document is there already, which idempotent writes treat as done. */
export const isDuplicateKey = (error: unknown): boolean => (error as { code?: number }).code === DUPLICATE_KEY;

/**
 * FerretDB on SQLite answers SQLITE_BUSY ("database is locked") when writers
 * of one database collide; the write did not happen and can simply be
 * repeated. So can a dropped connection.
 */
export function isBusy(error: unknown): boolean {
  const message = String((error as { message?: unknown }).message ?? '');
  const name = String((error as { name?: unknown }).name ?? '');
  return message.includes('SQLITE_BUSY') || message.includes('database is locked') || name === 'MongoNetworkError';
}

/**
 * Repeats a write that must happen (the outbox entry after its commit) while
 * the server answers busy, with exponential backoff and jitter, for about
 * half a minute; then gives up and lets the relay's start-up recovery repair.
 */
export async function retryWhileBusy<T>(write: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isBusy(error) || attempt >= attempts) throw error;
      const ceiling = Math.min(5_000, 25 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, ceiling / 2 + (Math.random() * ceiling) / 2));
    }
  }
}
