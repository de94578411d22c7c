/**
 * Runs work for one key at a time within this process. A case's events come
 * from several topics (and a movement's arrival) on concurrently consumed
 * partitions; serialising them here keeps the version-checked writes of one
 * document from racing each other.
 */
export class KeyLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
