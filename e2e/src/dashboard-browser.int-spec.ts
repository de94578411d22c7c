/// <reference lib="dom" />
// The functions given to page.evaluate run in the browser.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot, testServers, testToken } from '@homeward/testing';
import { formatSummary, newRunId, runSeedScenario, seedGroups } from '@homeward/scenario';
import { provisionChromium } from './chromium.harness';
import { startTestStack, type TestStack } from './skeleton-stack';

/** Screenshots are the test's artefacts (gitignored). */
const ARTIFACTS = join(repoRoot, 'e2e/artifacts');

const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).textContent();

describe('the live dashboard in a browser while the seed scenario runs', () => {
  let stack: TestStack;
  let browser: Browser;
  const runId = newRunId();
  const [firstFlight] = seedGroups(runId);

  beforeAll(async () => {
    const executablePath = provisionChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startTestStack({ dashboard: true });
    // Root in a container has no user namespaces for Chromium's sandbox.
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    const codes = stack ? await stack.stop() : undefined;
    const dashboardCode = await stack?.dashboard?.process.stop();
    await browser?.close();
    if (!stack) return;
    const mongo = await MongoClient.connect(testServers.mongoUrl);
    await Promise.all([...Object.values(stack.databases), stack.dashboard!.database].map((db) => mongo.db(db).dropDatabase()));
    await mongo.close();
    // A page holding its event stream open does not hold up the dashboard's shutdown.
    expect({ ...codes, dashboard: dashboardCode }).toEqual({ intake: 0, legal: 0, logistics: 0, notification: 0, dashboard: 0 });
  });

  it(`shows the ${firstFlight!.children.length} children of the first flight handed over, updated live without a reload`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    let loads = 0;
    page.on('load', () => (loads += 1));
    // The token travels in the link's fragment, as `npm start` prints it: the page sends it as a bearer token.
    await page.goto(`${stack.dashboard!.process.url}/#token=${testToken({ sub: 'programme-lead', roles: ['supervisor'] })}`);
    await page.locator('#live-state[data-state="live"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="handed-over"]')?.textContent === '0', undefined, { timeout: 30_000 });
    // Every value the headline takes, as the live updates change it.
    await page.evaluate(() => {
      const node = document.querySelector('[data-testid="handed-over"]')!;
      const seen: string[] = [node.textContent ?? ''];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => seen.push(node.textContent ?? '')).observe(node, { childList: true, characterData: true, subtree: true });
    });

    const { intake, legal, logistics, notification } = stack.services;
    const progress: string[] = [];
    const summary = await runSeedScenario({
      urls: { intake: intake.url, legal: legal.url, logistics: logistics.url, notification: notification.url, mailpit: testServers.mailpitUrl },
      runId,
      groups: [firstFlight!],
      onProgress: (line) => progress.push(line),
      accessToken: (actor) => testToken({ sub: actor.userId, roles: actor.roles ?? [] }),
    });
    if (!summary.ok) throw new Error(`${progress.join('\n')}\n\n${formatSummary(summary)}`);

    const children = String(firstFlight!.children.length);
    await page.waitForFunction((n) => document.querySelector('[data-testid="handed-over"]')?.textContent === n, children, { timeout: 300_000 });
    expect(await text(page, 'total-cases')).toBe(children);
    expect(loads).toBe(1);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen[0]).toBe('0');
    expect(seen.at(-1)).toBe(children);
    expect(await page.locator('#returns-chart svg rect').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-first-flight-handed-over.png'), fullPage: true });
    await context.close();
  }, 900_000);

  it('lays the page out right to left in Arabic, in a narrow window, without horizontal scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 380, height: 900 }, locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${stack.dashboard!.process.url}/?lang=ar#token=${testToken({ sub: 'observer', roles: ['agency-observer'] })}`);
    await page.locator('#live-state[data-state="live"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="total-cases"]')?.textContent !== '–', undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await page.locator('h1').textContent()).toBe('لوحة متابعة العودة');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // Right to left: the headline tiles start at the right edge.
    const first = await page.locator('.tile').first().boundingBox();
    expect(first!.x + first!.width).toBeGreaterThan(380 - 20);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-narrow-rtl.png'), fullPage: true });
    await context.close();
  });
});
