import { z } from 'zod';
import { Milestone } from '@homeward/contracts';
import { NotFoundError } from '@homeward/errors';
import type { ApiRouter } from '@homeward/http';
import { sampleFacts } from '../domain/milestone-samples';
import type { MilestoneRenderer } from '../mail/milestone-email.renderer';

const milestones = new Set<string>(Object.values(Milestone));
const PreviewParams = z.object({ milestone: z.string().describe(`One of ${[...milestones].join(', ')}.`) }).strict();
const PreviewQuery = z
  .object({
    lang: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'must be a language code such as ru, en or ar')
      .default('en')
      .describe('Language of the preview (BCP 47 primary subtag); one without templates shows the English fallback.'),
    format: z.enum(['html', 'text', 'json']).default('html').describe('The HTML part, the plain-text part, or both with the subject as JSON.'),
  })
  .strict();
const Preview = z.object({ language: z.string(), subject: z.string(), text: z.string(), html: z.string() });

/** For reviewers and translators: every milestone e-mail rendered with invented sample data. */
export function previewRoutes(render: MilestoneRenderer) {
  return (api: ApiRouter): void => {
    api.get(
      '/previews/:milestone',
      {
        permission: 'preview:read',
        summary: 'A milestone e-mail rendered with sample data, in a language',
        tags: ['previews'],
        params: PreviewParams,
        query: PreviewQuery,
        responses: { 200: Preview },
      },
      ({ params, query }, _req, res) => {
        if (!milestones.has(params.milestone)) throw new NotFoundError(`There is no milestone e-mail ${params.milestone}; there are ${[...milestones].join(', ')}.`);
        const email = render(sampleFacts(params.milestone as Milestone, query.lang));
        res.setHeader('content-language', email.language);
        if (query.format === 'json') return void res.json(email);
        if (query.format === 'text') return void res.type('text/plain; charset=utf-8').send(email.text);
        res.type('text/html; charset=utf-8').send(email.html);
      },
    );
  };
}
