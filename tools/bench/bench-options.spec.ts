import { BenchUsageError, parseBenchArgs } from './bench-options';

describe('bench options', () => {
  it('takes the full counts by default and small ones with --quick', () => {
    const full = parseBenchArgs([]);
    const quick = parseBenchArgs(['--quick']);
    expect(full).toMatchObject({ quick: false, rate: 100, throughputCases: 2_000, importRows: 20_000, queryCases: 100_000 });
    expect(quick).toMatchObject({ quick: true, rate: 100, throughputCases: 200, importRows: 2_000, queryCases: 5_000 });
    expect(full).toMatchObject({ ports: { kafka: 39_092, kafkaController: 39_093, mongo: 27_317, smtp: 31_025, mailpit: 38_025, services: 33_001 } });
  });

  it('lets a flag change a count or a port', () => {
    expect(parseBenchArgs(['--quick', '--rate', '250', '--mongo-port', '27400'])).toMatchObject({ rate: 250, ports: { mongo: 27_400 } });
    expect(parseBenchArgs(['--help'])).toBe('help');
  });

  it('refuses a bad argument in one line', () => {
    for (const args of [['--rate', 'x'], ['--bogus'], ['--import-rows', '60000'], ['--service-ports', '65534'], ['stray']]) {
      const error = (() => {
        try {
          parseBenchArgs(args);
        } catch (e) {
          return e as Error;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(BenchUsageError);
      expect(error!.message).not.toContain('\n');
    }
  });
});
