import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { Language, Milestone } from '@homeward/contracts';

/**
 * apps/notification/templates: reviewers and translators edit these files, not code.
 * The production build (one bundle, dist/apps/notification/main.js) carries a copy beside it.
 */
export const TEMPLATES_DIR = existsSync(join(__dirname, 'templates')) ? join(__dirname, 'templates') : join(__dirname, '../../templates');

const Strings = z.object({ subject: z.string().min(1), paragraphs: z.array(z.string().min(1)).min(1) }).strict();
const MilestoneStrings = z.record(z.enum(Language), Strings).refine((s) => s.en !== undefined, 'English is the fallback and must exist');
const CommonStrings = z.record(
  z.enum(Language),
  z.object({ greeting: z.string(), signature: z.string(), footer: z.string(), unsubscribe: z.string(), meetingPointUnknown: z.string() }).strict(),
);

type Compiled = (values: object) => string;
export interface LanguageTemplates {
  readonly subject: Compiled;
  readonly paragraphs: readonly Compiled[];
}
export interface CommonTemplates {
  readonly greeting: Compiled;
  readonly signature: Compiled;
  readonly footer: Compiled;
  readonly unsubscribe: Compiled;
  readonly meetingPointUnknown: string;
}

export interface TemplateCatalog {
  readonly milestones: ReadonlyMap<Milestone, Partial<Record<Language, LanguageTemplates>>>;
  readonly common: Partial<Record<Language, CommonTemplates>>;
  readonly html: Compiled;
  readonly text: Compiled;
}

// The per-language strings produce plain text (noEscape); the HTML layout
// escapes every value once, so a name such as "<b>" can never become markup.
const plain = (source: string): Compiled => Handlebars.compile(source, { noEscape: true, strict: true });

/** Reads and compiles every template once, at start-up: a broken file stops the service, not an e-mail. */
export function loadTemplateCatalog(dir = TEMPLATES_DIR): TemplateCatalog {
  const read = (path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8')) as unknown;
  const milestones = new Map<Milestone, Partial<Record<Language, LanguageTemplates>>>();
  const known = new Set<string>(Object.values(Milestone));
  for (const file of readdirSync(join(dir, 'milestones')).filter((f) => f.endsWith('.json'))) {
    const milestone = basename(file, '.json');
    if (!known.has(milestone)) throw new Error(`templates/milestones/${file}: no milestone ${milestone}`);
    const strings = MilestoneStrings.parse(read(join('milestones', file)));
    milestones.set(
      milestone as Milestone,
      Object.fromEntries(Object.entries(strings).map(([lang, s]) => [lang, { subject: plain(s.subject), paragraphs: s.paragraphs.map(plain) }])),
    );
  }
  const missing = [...known].filter((m) => !milestones.has(m as Milestone));
  if (missing.length > 0) throw new Error(`templates/milestones lacks ${missing.join(', ')}`);
  const common = Object.fromEntries(
    Object.entries(CommonStrings.parse(read('common.json'))).map(([lang, s]) => [
      lang,
      { greeting: plain(s.greeting), signature: plain(s.signature), footer: plain(s.footer), unsubscribe: plain(s.unsubscribe), meetingPointUnknown: s.meetingPointUnknown },
    ]),
  );
  return {
    milestones,
    common,
    html: Handlebars.compile(readFileSync(join(dir, 'layout.html.hbs'), 'utf8'), { strict: true }),
    text: plain(readFileSync(join(dir, 'layout.txt.hbs'), 'utf8')),
  };
}
