import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'express';

// src/web from the sources; the production build (dist/apps/dashboard/main.js) carries a copy beside it.
const WEB_DIR = existsSync(join(__dirname, 'web')) ? join(__dirname, 'web') : join(__dirname, '..', 'web');
const RIGHT_TO_LEFT = new Set(['ar']);

/** The page's files: plain HTML, CSS and JavaScript, no build step. */
export const WEB_ASSETS = ['dashboard.css', 'dashboard.js', 'i18n.js'] as const;
const TYPES: Record<(typeof WEB_ASSETS)[number], string> = {
  'dashboard.css': 'text/css; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'i18n.js': 'text/javascript; charset=utf-8',
};

const template = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');

/** The page with its language and direction set, so it is laid out right before any script runs. */
export function pageHtml(lang: string): string {
  return template.replaceAll('{{lang}}', lang).replaceAll('{{dir}}', RIGHT_TO_LEFT.has(lang) ? 'rtl' : 'ltr');
}

export function sendAsset(res: Response, asset: (typeof WEB_ASSETS)[number]): void {
  res.type(TYPES[asset]).set('cache-control', 'no-cache').sendFile(join(WEB_DIR, asset));
}
