import fc from 'fast-check';
import { MongoClient } from 'mongodb';
import { ROLES, type Role } from '@homeward/auth';
import { actingAs, declaredOperations, PROBE_ID, serviceNames, testServers, type DeclaredOperation } from '@homeward/testing';
import { startTestStack, type TestStack } from './skeleton-stack';

const printable = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~'.split('')), maxLength: 40 });
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
// A path segment: sane ids, random text, and the encodings that break decoders.
const segment = fc.oneof(
  fc.constant(PROBE_ID),
  fc.uuid(),
  anyText.map((text) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))),
  fc.constantFrom('%', '%E0%A4%A', '%00', '..', '%2e%2e', '%24where', 'a.b', '$gt', 'x'.repeat(500)),
);
const query = fc.oneof(
  fc.constant(''),
  fc.dictionary(printable, printable, { maxKeys: 4 }).map((d) => `?${new URLSearchParams(d).toString()}`),
  fc.constantFrom('?limit=-1', '?limit=abc&after=%ZZ', '?a[$gt]=1', '?status[]=open&status[]=x', '?from=yesterday', '?&&&=', `?x=${'y'.repeat(3000)}`),
);
const body = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ items: v, caseIds: v, $where: v })),
  fc.constantFrom('', '{', 'null', '[]', '{"__proto__":{"admin":true}}', '{"a.b":1}', '{"$set":{"x":1}}', 'a,b,c\n1,2,3', '\u0000'),
  printable,
);
const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/csv', 'text/plain', 'application/x-www-form-urlencoded', 'application/merge-patch+json', '');
// Most calls as an admin, so they get past the policy into validation and the handlers.
const role = fc.oneof({ weight: 3, arbitrary: fc.constant<Role>('admin') }, { weight: 1, arbitrary: fc.constantFrom(...ROLES) });

function pathOf(operation: DeclaredOperation, values: string[]): string {
  let i = 0;
  return operation.path.replace(/\{[^}]+\}/g, () => values[i++ % values.length] ?? PROBE_ID);
}

/**
 * Random and malformed bodies, parameters, query strings and headers against
 * every endpoint of every service: whatever arrives, the answer is never a
 * 5xx (a client error is named, the service does not fail).
 */
describe('fuzzing every endpoint of every service', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    if (!stack) return;
    await stack.stop();
    const mongo = await MongoClient.connect(testServers.mongoUrl);
    await Promise.all(Object.values(stack.databases).map((db) => mongo.db(db).dropDatabase()));
    await mongo.close();
  });

  it.each(serviceNames)('%s never answers 5xx', async (name) => {
    const base = stack.services[name].url;
    const operations = await declaredOperations(base);
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        fc.array(segment, { minLength: 1, maxLength: 3 }),
        query,
        body,
        contentType,
        role,
        fc.option(printable, { nil: undefined }),
        async (operation, segments, search, payload, type, as, ifMatch) => {
          const res = await fetch(`${base}${pathOf(operation, segments)}${search}`, {
            method: operation.method,
            headers: { ...actingAs(`fuzzer-${as}`, [as]), ...(type ? { 'content-type': type } : {}), ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
            ...(operation.method === 'GET' ? {} : { body: payload }),
          });
          await res.arrayBuffer();
          statuses.add(res.status);
          if (res.status >= 500) throw new Error(`${operation.method} ${pathOf(operation, segments)}${search} → ${res.status}`);
        },
      ),
      { numRuns: 150, seed: Number(process.env['HOMEWARD_FUZZ_SEED'] ?? Date.now() % 100_000), endOnFailure: true },
    );
    // The inputs got past authentication and the policy into validation and the handlers.
    expect([...statuses].filter((status) => status !== 401 && status !== 403).length).toBeGreaterThan(0);
  });

  it('never answers 5xx to broken tokens and headers either', async () => {
    const base = stack.services.intake.url;
    await fc.assert(
      fc.asyncProperty(printable, fc.constantFrom('Bearer ', 'bearer ', 'Basic ', '', 'Bearer a.b.', 'Bearer eyJhbGciOiJub25lIn0.'), async (junk, scheme) => {
        const res = await fetch(`${base}/cases`, { headers: { authorization: `${scheme}${junk}`, 'x-homeward-purpose': junk } });
        await res.arrayBuffer();
        expect(res.status).toBe(401);
      }),
      { numRuns: 100 },
    );
  });
});
