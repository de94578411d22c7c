import express from 'express';
import { z } from 'zod';
import { createApiRouter } from './api-router';

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

  it('serves the document and validates requests with the same schemas', async () => {
    const { app } = build();
    const server = app.listen(0);
    const port = (server.address() as { port: number }).port;
    try {
      const doc = await fetch(`http://127.0.0.1:${port}/openapi.json`).then((r) => r.json() as Promise<{ info: { title: string } }>);
      expect(doc.info.title).toBe('Test API');
      const ok = await fetch(`http://127.0.0.1:${port}/cases/00000000-0000-4000-8000-000000000001/names`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x' }),
      });
      expect(ok.status).toBe(201);
    } finally {
      server.close();
    }
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
