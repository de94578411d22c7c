import { KeyedLock } from './event-consumer';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedLock', () => {
  it('runs one key\'s tasks one after another and other keys\' tasks at once', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([lock.run('case-a', task('a1')), lock.run('case-a', task('a2')), lock.run('case-b', task('b1'))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('a2 start')).toBeGreaterThan(log.indexOf('a1 end'));
    expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
  });

  it('lets the next task of a key run after one that failed, and passes the failure to its caller', async () => {
    const lock = new KeyedLock();
    const failed = lock.run('case-a', async () => {
      throw new Error('transient');
    });
    const next = lock.run('case-a', async () => 'ran');
    await expect(failed).rejects.toThrow('transient');
    await expect(next).resolves.toBe('ran');
  });
});
