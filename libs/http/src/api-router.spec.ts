import express from 'express';
import { z } from 'zod';
import { attachPrincipal, isRole } from '@homeward/auth';
import { createApiRouter } from './api-router';
import { expectProblem, serveTestApp, type TestServer } from './test-server.spec-helper';

describe('createApiRouter', () => {
  const Body = z.object({ name: z.string().min(1).describe('A name.') }).strict();
  const Params = z.object({ caseId: z.uuid().describe('Id of the case.') }).strict();
  const Query = z.object({ limit: z.coerce.number().int().optional().describe('Page size.') }).strict();
  const Out = z.object({ id: z.string() });

  const build = () => {
    const app = express();
    app.use(express.json());
    const api = createApiRouter(app, { title: 'Test API', version: '1.0.0' });
    api.post('/cases/:caseId/names', { summary: 'Add a name', params: Params, body: Body, responses: { 201: Out } }, ({ body, params }, _req, res) => {
      res.status(201).json({ id: `${params.caseId}:${body.name}` });
    });
    api.get('/cases', { summary: 'List cases', query: Query, responses: { 200: z.array(Out) } }, (_input, _req, res) => void res.json([]));
    return { app, api };
  };

  it('documents every route from the schemas that validate it', () => {
    const doc = build().api.document.toJSON() as { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/cases/{caseId}/names']!['post']!;
    expect(post['summary']).toBe('Add a name');
    expect(post['parameters']).toEqual([
      expect.objectContaining({ name: 'caseId', in: 'path', required: true, description: 'Id of the case.' }),
    ]);
    expect(post['requestBody']).toMatchObject({
      content: { 'application/json': { schema: { type: 'object', required: ['name'], additionalProperties: false } } },
    });
    expect(Object.keys(post['responses'] as object)).toEqual(expect.arrayContaining(['201', '400', '404', '409', '422']));
    const get = doc.paths['/cases']!['get']!;
    expect(get['parameters']).toEqual([expect.objectContaining({ name: 'limit', in: 'query', required: false })]);
  });

  describe('served behind authentication', () => {
    let server: TestServer;
    const child = { caseId: 'c1', personal: { names: ['A'], mother: { status: 'convicted' }, medicalNeeds: 'asthma' } };
    const as = (...roles: string[]) => ({ 'x-test-roles': roles.join(','), 'content-type': 'application/json' });

    beforeAll(async () => {
      server = await serveTestApp({
        // The auth lib's middleware would verify a token; here the roles come from a test header.
        authenticate: (req, _res, next) => {
          attachPrincipal(req, { userId: 'u', roles: (req.get('x-test-roles') ?? '').split(',').filter(isRole), agency: 'a' });
          next();
        },
        configure: (app) => {
          const api = createApiRouter(app, { title: 'Test API', version: '1.0.0' });
          api.post('/cases/:caseId/names', { summary: 'Add a name', permission: 'case:write', params: Params, body: Body, responses: { 201: Out } }, ({ body, params }, _req, res) => {
            res.status(201).json({ id: `${params.caseId}:${body.name}` });
          });
          api.get('/children/:caseId', { summary: 'A child', permission: 'case:read', fields: 'case', responses: { 200: Out } }, (_input, _req, res) => void res.json(child));
          api.get('/children', { summary: 'Children', permission: 'case:read', fields: 'case', responses: { 200: Out } }, (_input, _req, res) => void res.json({ items: [child, child] }));
          api.get('/undeclared', { summary: 'Forgot its policy', responses: { 200: Out } }, (_input, _req, res) => void res.json({ id: 'x' }));
        },
      });
    });
    afterAll(() => server.close());

    it('serves the document and validates requests with the same schemas', async () => {
      const doc = await fetch(`${server.url}/openapi.json`).then((r) => r.json() as Promise<{ info: { title: string }; paths: Record<string, Record<string, Record<string, unknown>>> }>);
      expect(doc.info.title).toBe('Test API');
      expect(doc.paths['/cases/{caseId}/names']!['post']!['x-permission']).toBe('case:write');
      const ok = await fetch(`${server.url}/cases/00000000-0000-4000-8000-000000000001/names`, { method: 'POST', headers: as('case-worker'), body: JSON.stringify({ name: 'x' }) });
      expect(ok.status).toBe(201);
    });

    it('refuses a role without the permission with 403 naming it, before validating anything', async () => {
      const refused = await fetch(`${server.url}/cases/not-a-uuid/names`, { method: 'POST', headers: as('logistics-officer'), body: '{}' });
      const problem = await expectProblem(refused, 403, 'forbidden');
      expect(problem['permission']).toBe('case:write');
      expect(problem['detail']).toMatch(/case:write/);
    });

    it('denies everyone a route that declares no permission', async () => {
      const problem = await expectProblem(await fetch(`${server.url}/undeclared`, { headers: as('admin') }), 403, 'forbidden');
      expect(problem['permission']).toBe('undeclared');
    });

    it('removes the fields the role may not see, in one object and in a page', async () => {
      const one = (await (await fetch(`${server.url}/children/c1`, { headers: as('logistics-officer') })).json()) as typeof child;
      expect(one.personal).toEqual({ names: ['A'], medicalNeeds: 'asthma' });
      const page = (await (await fetch(`${server.url}/children`, { headers: as('legal-officer') })).json()) as { items: (typeof child)[] };
      expect(page.items.map((c) => Object.keys(c.personal))).toEqual([['names', 'mother'], ['names', 'mother']]);
    });
  });

  it('gives a second module of the same app the same router, so one document lists every route', () => {
    const { app, api } = build();
    const again = createApiRouter(app, { title: 'Other title', version: '9.9.9' });
    again.get('/feeds', { summary: 'List feeds', responses: { 200: z.array(Out) } }, (_input, _req, res) => void res.json([]));
    expect(again).toBe(api);
    const doc = api.document.toJSON() as { info: { title: string }; paths: Record<string, unknown> };
    expect(doc.info.title).toBe('Test API');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/cases', '/feeds']));
  });
});
