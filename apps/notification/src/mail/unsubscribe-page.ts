import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { Language } from '@homeward/contracts';
import { TEMPLATES_DIR } from './template-catalog';

const Strings = z.record(z.enum(Language), z.object({ title: z.string(), question: z.string(), button: z.string(), done: z.string() }).strict());

export type UnsubscribePage = (input: { language: string; action: string; done: boolean }) => string;

/**
 * The page behind the unsubscribe link, in the guardian's language. GET
 * only asks (link scanners of mail providers follow GET links); the button,
 * or a mail client's one-click POST (RFC 8058), opts out.
 */
export function loadUnsubscribePage(dir = TEMPLATES_DIR): UnsubscribePage {
  const strings = Strings.parse(JSON.parse(readFileSync(join(dir, 'unsubscribe.json'), 'utf8')));
  const page = Handlebars.compile(readFileSync(join(dir, 'unsubscribe.html.hbs'), 'utf8'), { strict: false });
  return ({ language, action, done }) => {
    const lang = (language in strings ? language : 'en') as Language;
    return page({ ...strings[lang], lang, dir: lang === 'ar' ? 'rtl' : 'ltr', action, optedOut: done });
  };
}
