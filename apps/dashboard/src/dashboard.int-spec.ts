import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import {
  CaseAssignedV1,
  CaseBoardedV1,
  CaseClearedV1,
  CaseHandedOverV1,
  CaseHoldPlacedV1,
  CaseRegisteredV1,
  EmailSentV1,
  LegalFileOpenedV1,
  MovementArrivedV1,
  MovementDepartedV1,
  MovementEscortAddedV1,
  MovementScheduledV1,
  ProgrammeCreatedV1,
} from '@homeward/contracts';
import { actingAs, expectEventually, TEST_AGENCY, testServers, uniqueName } from '@homeward/testing';
import { DashboardHarness, registration, VIEWER } from './test-support/dashboard.harness';

const PROGRAMME = 'iq-ru-2019';
const now = () => new Date().toISOString();
const flight = {
  operator: 'Emergencies Ministry',
  flightNumber: 'MCS-7061',
  departureAirport: 'BGW',
  arrivalAirport: 'ZIA',
  scheduledDeparture: '2019-07-10T06:00:00.000Z',
};

/** The parts of a summary and of a streamed snapshot the tests read. */
interface SummaryBody {
  readonly throughput: { readonly lastHour: ReadonlyArray<{ readonly events: number }> };
  readonly timeInStage: ReadonlyArray<{ readonly stage: string; readonly exits: number }>;
  readonly byStage: ReadonlyArray<{ readonly stage: string; readonly count: number }>;
  readonly totals: { readonly cases: number };
  readonly [panel: string]: unknown;
}
interface StreamedSnapshot {
  readonly summary: SummaryBody;
  readonly holds: { readonly holds?: readonly unknown[] };
}

/** Reads the event stream until `accept` likes a `dashboard` event, and returns it. */
async function nextDashboardEvent(base: string, accept: (data: StreamedSnapshot) => boolean, headers: Record<string, string> = VIEWER) {
  const abort = new AbortController();
  const res = await fetch(`${base}/events/stream`, { headers, signal: abort.signal });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const seen: StreamedSnapshot[] = [];
  const deadline = setTimeout(() => abort.abort(), 60_000);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended after ${seen.length} dashboard events`);
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (!block.includes('event: dashboard') || !data) continue;
        const parsed = JSON.parse(data.slice(6)) as StreamedSnapshot;
        seen.push(parsed);
        if (accept(parsed)) return { event: parsed, count: seen.length };
      }
    }
  } finally {
    clearTimeout(deadline);
    abort.abort();
  }
}

describe('the dashboard against the real Kafka and MongoDB-wire server', () => {
  let dashboard: DashboardHarness;
  const ids = { ru1: randomUUID(), ru2: randomUUID(), kz: randomUUID(), movement: randomUUID(), hold: randomUUID() };

  beforeAll(async () => {
    dashboard = await DashboardHarness.start(uniqueName('dash'));
  });

  afterAll(async () => {
    await dashboard?.stop();
    const mongo = await MongoClient.connect(testServers.mongoUrl);
    await mongo.db(dashboard.database).dropDatabase();
    await mongo.close();
  });

  it('follows three children from registration to handover, counting each event once even when Kafka delivers it twice', async () => {
    const d = dashboard;
    const registered = [d.event(CaseRegisteredV1, registration(ids.ru1, 'RU')), d.event(CaseRegisteredV1, registration(ids.ru2, 'RU')), d.event(CaseRegisteredV1, registration(ids.kz, 'KZ'))];
    await d.send(
      d.event(ProgrammeCreatedV1, {
        programmeId: PROGRAMME,
        name: 'Iraq to Russia, children only',
        originState: 'IQ',
        destinationState: 'RU',
        eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
        escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
        requirements: ['nationality-verified'],
        // The agency of the tests' callers takes part; another agency does not.
        participatingAgencies: [TEST_AGENCY],
        createdAt: now(),
      }),
      ...registered,
      registered[0]!,
    );
    const legal = [ids.ru1, ids.ru2, ids.kz].map((caseId) => d.event(LegalFileOpenedV1, { caseId, openedAt: now(), requirements: ['nationality-verified'] }));
    await d.send(...legal);
    await d.send(
      ...[ids.ru1, ids.ru2].map((caseId) => d.event(CaseClearedV1, { caseId, programmeId: PROGRAMME, destinationState: 'RU', clearedAt: now(), approvedBy: ['lo', 'sv'] })),
      d.event(CaseHoldPlacedV1, { caseId: ids.kz, holdId: ids.hold, category: 'security', reason: 'Screening outcome pending', placedBy: 'legal-officer-1', placedAt: now() }),
    );
    await d.send(
      d.event(MovementScheduledV1, { movementId: ids.movement, programmeId: PROGRAMME, flight, seats: 40, scheduledAt: now() }),
      d.event(MovementEscortAddedV1, { movementId: ids.movement, escortId: randomUUID(), role: 'official', addedAt: now() }),
      ...[ids.ru1, ids.ru2].map((caseId, i) => d.event(CaseAssignedV1, { caseId, movementId: ids.movement, seat: i + 1, flight, assignedAt: now() })),
    );

    await expectEventually(async () => {
      const { body } = await d.json('/api/movements');
      expect(body['ahead']).toEqual([
        expect.objectContaining({ movementId: ids.movement, status: 'scheduled', seats: 40, seatsTaken: 2, escort: expect.objectContaining({ escorts: 1, required: 1, ok: true }) }),
      ]);
    }, { timeoutMs: 120_000, intervalMs: 250 });

    // Built in the order things happen: each event's time is when it is built.
    const boarded = [ids.ru1, ids.ru2].map((caseId) => d.event(CaseBoardedV1, { caseId, movementId: ids.movement, boardedAt: now() }));
    const departed = d.event(MovementDepartedV1, { movementId: ids.movement, caseIds: [ids.ru1, ids.ru2], departedAt: now() });
    const arrived = d.event(MovementArrivedV1, { movementId: ids.movement, caseIds: [ids.ru1, ids.ru2], arrivedAt: now() });
    const handovers = [ids.ru1, ids.ru2].map((caseId) =>
      d.event(CaseHandedOverV1, {
        caseId,
        movementId: ids.movement,
        receiverKind: 'guardian',
        guardianId: randomUUID(),
        personal: { name: 'Anna Primerova', relationship: 'grandmother', receivingPerson: 'Anna Primerova' },
        handedOverAt: now(),
      }),
    );
    await d.send(
      ...boarded,
      departed,
      arrived,
      ...handovers,
      handovers[0]!,
      arrived,
      d.event(EmailSentV1, { deliveryId: `${ids.ru1}:assigned:g`, caseId: ids.ru1, guardianId: randomUUID(), milestone: 'assigned', sentAt: now() }),
    );

    const summary = await expectEventually(async () => {
      const { status, body } = await d.json('/api/summary');
      expect(status).toBe(200);
      // Every distinct event once: 1 programme, 3 registrations, 3 files, 2 clearances, 1 hold, schedule, escort,
      // 2 assignments, 2 boardings, departure, arrival, 2 handovers, 1 e-mail; the duplicates not at all.
      const summary = body as unknown as SummaryBody;
      const events = summary.throughput.lastHour.reduce((n, m) => n + m.events, 0);
      expect(events).toBe(21);
      expect(body['emails']).toMatchObject({ sent: 1, failed: 0 });
      expect(body['totals']).toEqual({ cases: 3, handedOver: 2, onHold: 1, inProgress: 1 });
      return summary;
    }, { timeoutMs: 120_000, intervalMs: 250 });
    expect(summary['byDestination']).toEqual([
      { destinationState: 'RU', total: 2, stages: expect.objectContaining({ 'handed-over': 2 }) },
      { destinationState: 'KZ', total: 1, stages: expect.objectContaining({ 'on-hold': 1 }) },
    ]);
    expect(summary['returns']).toEqual([{ day: now().slice(0, 10), count: 2 }]);
    expect(summary['holds']).toEqual({ total: 1, byCategory: { security: 1 } });
    // The held child left registration and legal review too; the other two every stage up to arrival.
    const exits = Object.fromEntries(summary.timeInStage.map((s) => [s.stage, s.exits]));
    expect(exits).toMatchObject({ registered: 3, 'in-legal-review': 3, cleared: 2, assigned: 2, boarded: 2, arrived: 2, 'on-hold': 0, 'handed-over': 0 });

    const { body: movements } = await d.json('/api/movements');
    expect(movements['recent']).toEqual([
      expect.objectContaining({ movementId: ids.movement, status: 'arrived', seatsTaken: 2, passengers: expect.objectContaining({ 'handed-over': 2 }) }),
    ]);
  }, 300_000);

  it("shows the holds' reasons only to legal officers, supervisors and admins", async () => {
    const observer = await dashboard.json('/api/holds', actingAs('observer-1', ['agency-observer']));
    expect(observer.body).toEqual({ total: 1, byCategory: { security: 1 } });
    for (const role of ['legal-officer', 'supervisor', 'admin']) {
      const entitled = await dashboard.json('/api/holds', actingAs(`${role}-1`, [role]));
      expect(entitled.body['holds']).toEqual([expect.objectContaining({ holdId: ids.hold, caseId: ids.kz, category: 'security', reason: 'Screening outcome pending', placedBy: 'legal-officer-1' })]);
    }
    // A supervisor of an agency outside the programme sees the counts, not the hold; an operator sees every programme's.
    const outsider = await dashboard.json('/api/holds', actingAs('supervisor-9', ['supervisor'], 'another-agency'));
    expect(outsider.body).toEqual({ total: 1, byCategory: { security: 1 }, holds: [] });
    const operator = await dashboard.json('/api/holds', actingAs('admin-9', ['admin'], 'homeward-operations'));
    expect(operator.body['holds']).toEqual([expect.objectContaining({ holdId: ids.hold, reason: 'Screening outcome pending' })]);
    // The read model keeps the reason sealed with the child's key (it arrived on a v1 event, upcast to v2); erasing the child shreds it.
    const mongo = await MongoClient.connect(testServers.mongoUrl);
    try {
      const stored = await mongo.db(dashboard.database).collection('hold_views').find({}).toArray();
      expect(stored.map((h) => h['_id'])).toEqual([ids.hold]);
      expect(JSON.stringify(stored)).not.toContain('Screening outcome');
    } finally {
      await mongo.close();
    }
    await dashboard.service.context.privacy.erase(ids.kz);
    const afterErasure = await dashboard.json('/api/holds', actingAs('supervisor-1', ['supervisor']));
    expect(afterErasure.body).toMatchObject({ total: 1, holds: [{ holdId: ids.hold, caseId: ids.kz, category: 'security', erased: true, placedBy: 'legal-officer-1' }] });
    expect((afterErasure.body['holds'] as object[])[0]).not.toHaveProperty('reason');
  });

  it('pushes every panel over server-sent events, and pushes again when an event changes them', async () => {
    const first = await nextDashboardEvent(dashboard.base, (data) => data.summary.totals.cases === 3, actingAs('sv', ['supervisor']));
    expect(first.event.holds.holds).toHaveLength(1);
    const waiting = nextDashboardEvent(dashboard.base, (data) => data.summary.totals.cases === 4, actingAs('observer-1', ['agency-observer']));
    await dashboard.send(dashboard.event(CaseRegisteredV1, registration(randomUUID(), 'RU')));
    const next = await waiting;
    expect(next.event.summary.byStage.find((s) => s.stage === 'registered')).toEqual({ stage: 'registered', count: 1 });
    expect(next.event.holds.holds).toBeUndefined();
  });

  it('reads consumer lag and dead letters from Kafka', async () => {
    await dashboard.sendPoison();
    await expectEventually(async () => {
      const { body } = await dashboard.json('/api/health');
      expect(body['problem']).toBeUndefined();
      expect(body['deadLetters']).toContainEqual({ service: 'dashboard', topic: `${dashboard.prefix}.homeward.dashboard.dlq.v1`, count: 1 });
      expect(body['consumerGroups']).toEqual([expect.objectContaining({ groupId: `${dashboard.prefix}-dashboard`, state: 'Stable', lag: 0 })]);
    }, { timeoutMs: 60_000, intervalMs: 500 });
  });

  it('refuses bad query parameters with a problem that names them', async () => {
    for (const [path, field] of [
      ['/api/movements?limit=0', 'query.limit'],
      ['/api/summary?stage=cleared', 'query.stage'],
      ['/?lang=xx', 'query.lang'],
    ] as const) {
      const res = await fetch(`${dashboard.base}${path}`, { headers: VIEWER });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const problem = (await res.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((e) => e.field)).toContain(field);
    }
  });

  it('serves the page left to right or right to left, and documents its API', async () => {
    expect(await (await fetch(`${dashboard.base}/`)).text()).toMatch(/<html lang="en" dir="ltr">/);
    expect(await (await fetch(`${dashboard.base}/?lang=ar`)).text()).toMatch(/<html lang="ar" dir="rtl">/);
    const script = await fetch(`${dashboard.base}/dashboard.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const { body } = await dashboard.json('/openapi.json');
    expect(Object.keys(body['paths'] as object)).toEqual(expect.arrayContaining(['/api/summary', '/api/movements', '/api/holds', '/api/health', '/events/stream']));
  });
});
