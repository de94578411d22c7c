/// <reference lib="dom" />
// The functions given to page.evaluate run in the browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot } from '@homeward/testing';

export const ARTIFACTS = join(repoRoot, 'e2e/artifacts/console');

/** A person of dev-users.json signed in through the issuer's page, as they would: open the console, click their name. */
export async function signedIn(browser: Browser, consoleUrl: string, userId: string, path = '/', options: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP: the accessibility scan injects axe-core, which the console's CSP (script-src 'self') rightly refuses.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: options.locale ?? 'en-GB', timezoneId: 'UTC', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${consoleUrl}${path}`);
  await page.locator(`[data-user="${userId}"]`).click();
  await page.waitForURL((url) => url.origin === consoleUrl && !url.pathname.startsWith('/auth/'));
  await page.locator('#page-title').waitFor();
  return { context, page };
}

const axeSource = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: number;
  readonly targets: string[];
}

/** axe-core's WCAG 2.x A/AA rules on the page as it is; the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The JavaScript a first visit downloads, each file gzip-compressed as a server would send it. */
export function compressedSize(bodies: readonly Buffer[]): number {
  return bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
}
