import { z } from 'zod';
import { route } from './route.handler';
import { expectProblem, postJson, serveTestApp, type TestServer } from './test-server.spec-helper';

const ChildBody = z
  .object({
    child: z
      .object({
        names: z.array(z.object({ given: z.string(), family: z.string() }).strict()).min(1),
        birthYear: z.number().int(),
      })
      .strict(),
    note: z.string().optional(),
  })
  .strict();

const CaseParams = z.object({ caseId: z.uuid() }).strict();
const ListQuery = z.object({ limit: z.coerce.number().int().max(100).optional() }).strict();

type Violation = { field: string; message: string };

describe('route', () => {
  let server: TestServer;
  let handled = 0;

  beforeAll(async () => {
    server = await serveTestApp({
      bodyLimit: '1kb',
      configure: (app) => {
        app.post(
          '/cases/:caseId/children',
          route({ params: CaseParams, body: ChildBody }, ({ params, body }, _req, res) => {
            handled += 1;
            // Typed: these lines only compile if the schemas' outputs flow through.
            const caseId: string = params.caseId;
            const given: string | undefined = body.child.names[0]?.given;
            res.status(201).json({ caseId, given });
          }),
        );
        app.get(
          '/cases',
          route({ query: ListQuery }, ({ query }, _req, res) => {
            const limit: number | undefined = query.limit;
            res.json({ limit: limit ?? 20 });
          }),
        );
        app.post('/raw', (req, res) => {
          handled += 1;
          res.json(req.body);
        });
      },
    });
  });
  afterAll(() => server.close());

  const childrenUrl = () => `${server.url}/cases/6f1c1c0e-8a1d-4b59-9b8e-0d6d4a1e2f3a/children`;
  const validChild = { child: { names: [{ given: 'Amina', family: 'Ivanova' }], birthYear: 2014 } };

  async function violationsOf(response: Response): Promise<Violation[]> {
    const problem = await expectProblem(response, 400, 'validation-failed');
    return problem['errors'] as Violation[];
  }

  it('passes parsed, typed values to the handler', async () => {
    const response = await postJson(childrenUrl(), validChild);
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ caseId: '6f1c1c0e-8a1d-4b59-9b8e-0d6d4a1e2f3a', given: 'Amina' });

    const list = await fetch(`${server.url}/cases?limit=5`);
    expect(await list.json()).toEqual({ limit: 5 });
  });

  it('accepts application/*+json bodies', async () => {
    const response = await postJson(childrenUrl(), validChild, 'application/merge-patch+json');
    expect(response.status).toBe(201);
  });

  it('answers malformed JSON with 400 malformed-json', async () => {
    const response = await postJson(childrenUrl(), '{"child": {"names": [}');
    const problem = await expectProblem(response, 400, 'malformed-json');
    expect(problem['title']).toBe('Malformed JSON body');
  });

  it('refuses a JSON scalar body (strict JSON)', async () => {
    await expectProblem(await postJson(`${server.url}/raw`, '"just a string"'), 400, 'malformed-json');
  });

  it('names a missing nested field by its JSON pointer', async () => {
    const body = { child: { names: [{ family: 'Ivanova' }], birthYear: 2014 } };
    expect(await violationsOf(await postJson(childrenUrl(), body))).toEqual([
      { field: '/child/names/0/given', message: 'is required' },
    ]);
  });

  it('names a field of the wrong type', async () => {
    const body = { child: { names: [{ given: 'Amina', family: 'Ivanova' }], birthYear: '2014' } };
    const [violation] = await violationsOf(await postJson(childrenUrl(), body));
    expect(violation).toEqual({ field: '/child/birthYear', message: expect.stringContaining('expected number') });
  });

  it('names every unknown field', async () => {
    const body = { ...validChild, extra: 1, child: { ...validChild.child, religion: 'x' } };
    expect(await violationsOf(await postJson(childrenUrl(), body))).toEqual(
      expect.arrayContaining([
        { field: '/extra', message: 'is not allowed' },
        { field: '/child/religion', message: 'is not allowed' },
      ]),
    );
  });

  it('names bad path and query parameters as params.x and query.x', async () => {
    const response = await postJson(`${server.url}/cases/not-a-uuid/children`, validChild);
    expect(await violationsOf(response)).toEqual([{ field: 'params.caseId', message: expect.any(String) }]);

    const list = await fetch(`${server.url}/cases?limit=500&sort=name`);
    expect(await violationsOf(list)).toEqual(
      expect.arrayContaining([
        { field: 'query.limit', message: expect.any(String) },
        { field: 'query.sort', message: 'is not allowed' },
      ]),
    );
  });

  it('refuses $-operator and dotted keys anywhere before any handler runs', async () => {
    const before = handled;
    const body = { child: { names: [{ given: { $where: 'sleep(1000)' } }], 'a.b': 1 } };
    expect(await violationsOf(await postJson(`${server.url}/raw`, body))).toEqual([
      { field: '/child/a.b', message: expect.stringContaining("'$'") },
      { field: '/child/names/0/given/$where', message: expect.stringContaining("'$'") },
    ]);
    expect(await violationsOf(await postJson(childrenUrl(), { $gt: '' }))).toEqual([
      { field: '/$gt', message: expect.any(String) },
    ]);
    expect(handled).toBe(before);
  });

  it('answers an oversized body with 413', async () => {
    const body = { ...validChild, note: 'x'.repeat(2_000) };
    await expectProblem(await postJson(childrenUrl(), body), 413, 'payload-too-large');
  });

  it('answers a non-JSON body on a body route with 415', async () => {
    await expectProblem(
      await postJson(childrenUrl(), 'child=Amina', 'application/x-www-form-urlencoded'),
      415,
      'unsupported-media-type',
    );
    await expectProblem(await postJson(childrenUrl(), '{}', 'text/plain'), 415, 'unsupported-media-type');
  });

  it('answers a JSON body in another charset with 415', async () => {
    await expectProblem(
      await postJson(childrenUrl(), '{}', 'application/json; charset=latin1'),
      415,
      'unsupported-media-type',
    );
  });
});
