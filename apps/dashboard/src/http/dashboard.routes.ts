import type { Express } from 'express';
import { createApiRouter } from '@homeward/http';
import type { ServiceHealth } from '../health/service-health';
import type { DashboardQueries } from '../store/dashboard.queries';
import { Dashboard, Health, Holds, Movements, MovementsQuery, NoQuery, PageQuery, Summary } from './dashboard.schemas';
import type { SnapshotReader } from './dashboard-snapshot';
import type { LiveStream } from './live-stream';
import type { AgencyPolicy } from '@homeward/auth';
import { readerOf } from './roles';
import { pageHtml, sendAsset, WEB_ASSETS } from './web-page';

export interface DashboardRouteDeps {
  readonly queries: DashboardQueries;
  readonly health: ServiceHealth;
  readonly read: SnapshotReader;
  readonly live: LiveStream;
  /** Which agencies see every programme (operators): every panel shows others only their programmes. */
  readonly agencies: AgencyPolicy;
}

const apiInfo = {
  title: 'Homeward dashboard API',
  version: '1.0.0',
  description: 'Read models of the programme and of the services, as the dashboard page shows them. Every panel needs a bearer token with dashboard:read.',
};

/**
 * The page and its assets, served without a token: they hold no data. The
 * page reads its bearer token from the link's fragment (`/#token=…`, never
 * sent to the server, kept in the tab's session storage) and asks the panels
 * and the live stream with it.
 */
export function dashboardPageRoutes(app: Express): void {
  const api = createApiRouter(app, apiInfo);
  api.get(
    '/',
    { public: true, summary: 'The dashboard page (HTML, no data), in the language asked for', query: PageQuery, responses: { 200: { description: 'The page.', contentType: 'text/html' } } },
    ({ query }, _req, res) => void res.type('html').send(pageHtml(query.lang)),
  );
  for (const asset of WEB_ASSETS) app.get(`/${asset}`, (_req, res) => sendAsset(res, asset));
}

/** One JSON endpoint per panel, and the live stream: dashboard:read. */
export function dashboardRoutes(app: Express, deps: DashboardRouteDeps): void {
  const api = createApiRouter(app, apiInfo);
  const permission = 'dashboard:read' as const;

  const scoped = ' of the programmes the reader’s agency takes part in (operators: every programme)';
  api.get('/api/summary', { permission, summary: `Children by stage and destination, time in stage, returns, e-mails${scoped}; throughput of the whole system`, query: NoQuery, responses: { 200: Summary } }, async (_i, req, res) => {
    res.json(await deps.queries.summary(readerOf(req, deps.agencies)));
  });
  api.get('/api/movements', { permission, summary: `Movements ahead and recent, with seats taken and escort status${scoped}`, query: MovementsQuery, responses: { 200: Movements } }, async ({ query }, req, res) => {
    res.json(await deps.queries.movements(query.limit, readerOf(req, deps.agencies)));
  });
  api.get(
    '/api/holds',
    { permission, summary: `Open holds by category${scoped}; with each hold and its reason for legal officers, supervisors and admins`, query: NoQuery, responses: { 200: Holds } },
    async (_i, req, res) => {
      res.json(await deps.queries.holds(readerOf(req, deps.agencies)));
    },
  );
  api.get('/api/health', { permission, summary: 'Consumer lag per group and dead letters per service', query: NoQuery, responses: { 200: Health } }, async (_i, _req, res) => {
    res.json(await deps.health.read());
  });
  api.get('/api/dashboard', { permission, summary: `Every panel at once${scoped}`, query: NoQuery, responses: { 200: Dashboard } }, async (_i, req, res) => {
    res.json(await deps.read(readerOf(req, deps.agencies)));
  });
  api.get(
    '/events/stream',
    {
      permission,
      summary: 'Server-sent events: a `dashboard` event with every panel (as GET /api/dashboard, scoped alike by the reader’s agency) whenever one changes',
      query: NoQuery,
      responses: { 200: { description: 'An event stream.', contentType: 'text/event-stream' } },
    },
    (_i, req, res) => deps.live.attach(req, res, readerOf(req, deps.agencies)),
  );
}
