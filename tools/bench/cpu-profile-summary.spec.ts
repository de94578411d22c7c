import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeOf, summariseProfile } from './cpu-profile-summary';

describe('cpu profile summary', () => {
  it('names the package, node itself or the app a frame runs in', () => {
    expect(placeOf('file:///r/node_modules/kafkajs/src/x.js', 'f')).toBe('kafkajs');
    expect(placeOf('file:///r/node_modules/@opentelemetry/api/x.js', 'f')).toBe('@opentelemetry/api');
    expect(placeOf('node:internal/streams', 'f')).toBe('node:internal');
    expect(placeOf('file:///r/apps/intake/src/main.ts', 'f')).toBe('apps/intake');
    expect(placeOf('', '(garbage collector)')).toBe('(garbage collector)');
  });

  it('adds up self time by place from the samples', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'prof-')), 'a.cpuprofile');
    const frame = (id: number, url: string, functionName: string) => ({ id, callFrame: { functionName, url, lineNumber: 0 } });
    writeFileSync(file, JSON.stringify({ nodes: [frame(1, '', '(root)'), frame(2, 'file:///node_modules/mongodb/a.js', 'parse'), frame(3, '', '(idle)')], startTime: 0, endTime: 2e6, samples: [2, 2, 2, 3] }));
    const hint = summariseProfile(file);
    expect(hint.byPlace).toEqual([{ place: 'mongodb', share: 0.75 }, { place: '(idle)', share: 0.25 }]);
    expect(hint.sampledSeconds).toBe(2);
  });
});
