import { randomUUID } from 'node:crypto';
import {
  CaseAssignedV1,
  CaseBoardedV1,
  CaseClearedV1,
  CaseHandedOverV1,
  CaseHoldLiftedV1,
  CaseHoldPlacedV1,
  CaseUpdatedV1,
  LegalFileOpenedV1,
  MovementArrivedV1,
  MovementDepartedV1,
  MovementScheduledV1,
  RequirementDecidedV1,
  Topic,
  type PersonName,
} from '@homeward/contracts';
import { actingAs, expectEventually, uniqueName } from '@homeward/testing';
import { subscribableTypes } from '../domain/subscription';
import { ENTITLED_AGENCY, FeedsHarness } from '../test-support/feeds.harness';
import { WebhookReceiver } from '../test-support/webhook-receiver';

interface Child {
  names: PersonName[];
  birthDate: string;
  guardian: PersonName;
}

// Names and dates no other data in the system has, so that finding one is a leak.
const children: Child[] = [
  {
    names: [
      { given: 'Дарина', family: 'Тайнова', script: 'cyrillic' },
      { given: 'Darina', family: 'Taynova', script: 'latin' },
    ],
    birthDate: '2015-02-13',
    guardian: { given: 'Raisa', family: 'Hiddenova', script: 'latin' },
  },
  { names: [{ given: 'Ilyas', family: 'Quillfeather', script: 'latin' }], birthDate: '2018-09-27', guardian: { given: 'Nadira', family: 'Quillfeather', script: 'latin' } },
  {
    names: [
      { given: 'Амир', family: 'Скрытов', script: 'cyrillic' },
      { given: 'Amir', family: 'Skrytov', script: 'latin' },
    ],
    birthDate: '2011-11-03',
    guardian: { given: 'Gulnara', family: 'Skrytova', script: 'latin' },
  },
];
const dayMonthYear = (iso: string) => iso.split('-').reverse().join('.');
const forbidden = [
  ...children.flatMap((c) => [...c.names.flatMap((n) => [n.given, n.family]), c.guardian.given, c.guardian.family, c.birthDate, dayMonthYear(c.birthDate)]),
  'Zarina',
  'Mosul',
  'Feeds Test Camp',
  'Feeds Test Prison',
  'guardiana.feeds@example.org',
  '+7 900 000 00 00',
];

/**
 * Children with distinctive names and birth dates go through a journey; a
 * `none` subscription's every delivered payload, by webhook and by pull,
 * must hold none of them, while an entitled `full` subscription sees them
 * (which shows the search would find them).
 */
describe('feeds: redaction and the pull feed', () => {
  const programmeId = 'feeds-redaction-test';
  let h: FeedsHarness;
  let receiver: WebhookReceiver;
  let nonePull: string;
  let fullPull: string;
  let caseIds: string[];
  // Each child's guardian gets an e-mail per milestone: registered, on hold, cleared, seat, arrived, handed over.
  const EMAILS_PER_CHILD = 6;
  const EXPECTED = 1 + children.length * (10 + EMAILS_PER_CHILD) + 3;
  const guardianIds = children.map(() => randomUUID());
  const guardianOf = (i: number) => ({
    guardianId: guardianIds[i]!,
    relationship: 'grandmother',
    name: children[i]!.guardian,
    email: 'guardiana.feeds@example.org',
    phone: '+7 900 000 00 00',
    preferredLanguage: 'ru' as const,
  });

  const items = async (subscriptionId: string) => (await h.feed(subscriptionId)).body['items'] as Array<{ cursor: string; eventId: string; type: string; data: Record<string, unknown> }>;
  const consumed = (type: string, count: number) =>
    expectEventually(async () => expect((await items(nonePull)).filter((i) => i.type === type)).toHaveLength(count), { timeoutMs: 60_000, intervalMs: 250 });

  beforeAll(async () => {
    [h, receiver] = await Promise.all([FeedsHarness.start(uniqueName('feeds-redaction')), WebhookReceiver.start()]);
    const types = subscribableTypes;
    const hook = await h.subscribe({ agency: 'press-office-test', eventTypes: types, personalData: 'none', delivery: { kind: 'webhook', url: receiver.url } });
    receiver.secret = hook.secret!;
    nonePull = (await h.subscribe({ agency: 'press-office-test', eventTypes: types, destinationStates: ['RU'], personalData: 'none', delivery: { kind: 'pull' } })).id;
    fullPull = (await h.subscribe({ agency: ENTITLED_AGENCY, eventTypes: types, programmes: [programmeId], personalData: 'full', delivery: { kind: 'pull' } })).id;

    await h.createProgramme(programmeId);
    caseIds = [];
    for (const child of children) caseIds.push(await h.registerChild(programmeId, { names: child.names, birthDate: child.birthDate, guardian: child.guardian, guardianId: guardianIds[caseIds.length]! }));
    const movementId = randomUUID();
    const now = () => new Date().toISOString();
    const flight = { operator: 'Emergencies Ministry', flightNumber: 'EMR-FEEDS', departureAirport: 'BGW', arrivalAirport: 'ZIA', scheduledDeparture: '2026-12-10T05:00:00Z' };
    await h.produce(MovementScheduledV1, { movementId, programmeId, flight, seats: 33, scheduledAt: now() });
    for (const [i, caseId] of caseIds.entries()) {
      const child = children[i]!;
      const name = `${child.names.at(-1)!.given} ${child.names.at(-1)!.family}`;
      const guardian = `${child.guardian.given} ${child.guardian.family}`;
      await h.produce(LegalFileOpenedV1, { caseId, openedAt: now(), requirements: ['nationality-verified'] });
      await h.produce(RequirementDecidedV1, { caseId, requirement: 'nationality-verified', decision: 'satisfied', reason: `DNA match of ${name} (born ${child.birthDate}) with ${guardian}`, decidedBy: 'legal-officer-test', decidedAt: now() });
      const holdId = randomUUID();
      await h.produce(CaseHoldPlacedV1, { caseId, holdId, category: 'medical', reason: `${name} awaits a medical assessment`, placedBy: 'legal-officer-test', placedAt: now() });
      await h.produce(CaseHoldLiftedV1, { caseId, holdId, liftedBy: 'supervisor-test', liftedAt: now() });
      await h.produce(CaseClearedV1, { caseId, programmeId, destinationState: 'RU', clearedAt: now(), approvedBy: ['legal-officer-test', 'supervisor-test'] });
      await h.produce(CaseUpdatedV1, {
        caseId,
        programmeId,
        originState: 'IQ',
        destinationState: 'RU',
        sex: 'female',
        requiresMedicalEscort: false,
        siblingCaseIds: [],
        claimedNationalities: ['RU'],
        personal: { names: child.names, birthDate: { value: child.birthDate, precision: 'day' }, placeOfBirth: 'Mosul', facility: { type: 'camp', name: 'Feeds Test Camp', city: 'Baghdad' }, guardians: [guardianOf(i)] },
        version: 2,
        updatedAt: now(),
      });
    }
    // Logistics assigns only cleared cases: let the legal work be consumed first, as it is in the real flow.
    await consumed('case.cleared.v1', children.length);
    for (const [i, caseId] of caseIds.entries()) {
      await h.produce(CaseAssignedV1, { caseId, movementId, seat: i + 1, flight, assignedAt: now() });
      await h.produce(CaseBoardedV1, { caseId, movementId, boardedAt: now() });
    }
    // Movement events travel with the movement's key, case events with the case's: wait as the officers would.
    await consumed('case.boarded.v1', children.length);
    await h.produce(MovementDepartedV1, { movementId, caseIds, departedAt: now() });
    await h.produce(MovementArrivedV1, { movementId, caseIds, arrivedAt: now() });
    await consumed('movement.arrived.v1', 1);
    for (const [i, caseId] of caseIds.entries()) {
      const guardian = `${children[i]!.guardian.given} ${children[i]!.guardian.family}`;
      await h.produce(CaseHandedOverV1, { caseId, movementId, receiverKind: 'guardian', personal: { name: guardian, relationship: 'grandmother', receivingPerson: guardian }, handedOverAt: now() });
    }
  });

  afterAll(async () => {
    await Promise.all([h.stop(), receiver.stop()]);
  });


  it('delivers every event of the journey to each subscription, the guardian e-mails included', async () => {
    await expectEventually(
      async () => {
        expect(await items(nonePull)).toHaveLength(EXPECTED);
        expect(await items(fullPull)).toHaveLength(EXPECTED);
        expect(receiver.accepted()).toHaveLength(EXPECTED);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const types = (await items(nonePull)).map((i) => i.type);
    expect(types.filter((t) => t === 'notification.email-sent.v1')).toHaveLength(children.length * EMAILS_PER_CHILD);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('finds no name, birth date, place or contact in any payload of a `none` subscription, webhook or pull', async () => {
    const webhookBodies = receiver.received.map((r) => r.body);
    const pulled = (await items(nonePull)).map((i) => JSON.stringify(i));
    expect(webhookBodies).toHaveLength(EXPECTED);
    expect(pulled).toHaveLength(EXPECTED);
    const leaks = [...webhookBodies, ...pulled].flatMap((payload) => forbidden.filter((secret) => payload.includes(secret)));
    expect(leaks).toEqual([]);
    // Nor the case ids: the reference is pseudonymous.
    expect([...webhookBodies, ...pulled].filter((payload) => caseIds.some((id) => payload.includes(id)))).toEqual([]);

    // The search finds them where they are allowed: the entitled agency's full feed.
    const full = JSON.stringify(await items(fullPull));
    const published = forbidden.filter((secret) => !/^\d\d\.\d\d\.\d{4}$/.test(secret));
    expect(published.filter((secret) => full.includes(secret)).sort()).toEqual([...published].sort());
  });

  it('describes each child by a stable pseudonymous reference, age band, sex and stage', async () => {
    const pulled = await items(nonePull);
    const refsOf = (list: Array<{ type: string; data: Record<string, unknown> }>) =>
      list.filter((i) => i.type === 'case.registered.v1').map((i) => (i.data['case'] as { ref: string }).ref);
    const refs = refsOf(pulled);
    expect(new Set(refs).size).toBe(children.length);
    const hooked = receiver.accepted().map((b) => ({ type: b['type'] as string, data: b['data'] as Record<string, unknown> }));
    expect(refsOf(hooked).filter((r) => refs.includes(r))).toEqual([]);

    // The first child's reference: the `none` entry of the event the full feed shows registering that child.
    const registration = (await items(fullPull)).find((i) => i.type === 'case.registered.v1' && i.data['caseId'] === caseIds[0])!;
    const firstRef = (pulled.find((i) => i.eventId === registration.eventId)!.data['case'] as { ref: string }).ref;
    const aboutFirst = pulled.filter((i) => (i.data['case'] as { ref?: string } | undefined)?.ref === firstRef);
    // The e-mail event and the case update travel on their own topics: their place among the others may vary.
    const stages = aboutFirst.map((i) => [i.type, (i.data['case'] as { stage: string }).stage]);
    expect(stages.filter(([type]) => type !== 'notification.email-sent.v1' && type !== 'case.updated.v1')).toEqual([
      ['case.registered.v1', 'registered'],
      ['legal-file.opened.v1', 'in-legal-review'],
      ['requirement.decided.v1', 'in-legal-review'],
      ['case.hold-placed.v1', 'on-hold'],
      ['case.hold-lifted.v1', 'in-legal-review'],
      ['case.cleared.v1', 'cleared'],
      ['case.assigned.v1', 'assigned'],
      ['case.boarded.v1', 'boarded'],
      ['case.handed-over.v1', 'handed-over'],
    ]);
    expect(stages.filter(([type]) => type === 'notification.email-sent.v1' || type === 'case.updated.v1')).toHaveLength(1 + EMAILS_PER_CHILD);
    expect(aboutFirst[0]!.data).toMatchObject({ programmeId, destinationState: 'RU', case: { ageBand: '5-11', sex: 'female' } });
    expect(aboutFirst.find((i) => i.type === 'requirement.decided.v1')!.data).not.toHaveProperty('reason');
    const arrived = pulled.find((i) => i.type === 'movement.arrived.v1')!;
    const arrivedCases = arrived.data['cases'] as Array<{ ref: string; stage: string }>;
    expect(arrivedCases.map((c) => c.ref).sort()).toEqual([...refs].sort());
    expect(arrivedCases.map((c) => c.stage)).toEqual(['arrived', 'arrived', 'arrived']);
    expect(registration.data).toMatchObject({ caseId: caseIds[0], personal: { names: children[0]!.names, birthDate: { value: children[0]!.birthDate } } });
  });

  it('pages through the pull feed in order and resumes from a cursor', async () => {
    const all = await items(nonePull);
    expect(all.map((i) => Number(i.cursor))).toEqual([...all.map((i) => Number(i.cursor))].sort((a, b) => a - b));
    const paged: typeof all = [];
    let after = '0';
    for (;;) {
      const page = await h.feed(nonePull, after, 7);
      expect(page.status).toBe(200);
      const pageItems = page.body['items'] as typeof all;
      if (pageItems.length === 0) {
        expect(page.body['next']).toBe(after);
        break;
      }
      expect(pageItems.length).toBeLessThanOrEqual(7);
      paged.push(...pageItems);
      after = page.body['next'] as string;
    }
    expect(paged).toEqual(all);
    const resumed = await h.feed(nonePull, all[29]!.cursor, 500);
    expect(resumed.body['items']).toEqual(all.slice(30));
  });

  it('adds nothing when Kafka redelivers an event', async () => {
    const before = await items(nonePull);
    const registered = before.find((i) => i.type === 'case.registered.v1')!;
    const original = (await items(fullPull)).find((i) => i.eventId === registered.eventId)!;
    const caseId = original.data['caseId'] as string;
    await h.produceAgain(
      { specversion: '1.0', id: registered.eventId, source: '/homeward/intake', type: 'case.registered.v1', subject: caseId, time: new Date().toISOString(), dataschema: 'https://homeward.example/schemas/case.registered.v1.json', datacontenttype: 'application/json', correlationid: randomUUID(), data: original.data },
      Topic.intake,
    );
    // A later event of the same case (same key, same partition) shows the redelivery was consumed before it.
    await h.produce(CaseHoldPlacedV1, { caseId, holdId: randomUUID(), category: 'other', reason: 'Sentinel after the redelivery', placedBy: 'legal-officer-test', placedAt: new Date().toISOString() });
    // The hold also sends the guardian a delay notice, whose e-mail event joins the feed too.
    const withoutEmails = (list: Awaited<ReturnType<typeof items>>) => list.filter((i) => i.type !== 'notification.email-sent.v1');
    const after = await expectEventually(async () => {
      const now = await items(nonePull);
      expect(withoutEmails(now).at(-1)!.type).toBe('case.hold-placed.v1');
      return now;
    });
    expect(withoutEmails(after)).toHaveLength(withoutEmails(before).length + 1);
    expect(after.filter((i) => i.eventId === registered.eventId)).toHaveLength(1);
  });

  it('refuses a bad cursor or limit with 400, an unknown subscription with 404, a caller without the role with 403', async () => {
    const cases: Array<[string, number, RegExp, Record<string, string>?]> = [
      [`/feeds/${nonePull}/events?after=abc`, 400, /query\.after/],
      [`/feeds/${nonePull}/events?after=-1`, 400, /query\.after/],
      [`/feeds/${nonePull}/events?after=01`, 400, /query\.after/],
      [`/feeds/${nonePull}/events?limit=0`, 400, /query\.limit/],
      [`/feeds/${nonePull}/events?limit=501`, 400, /query\.limit/],
      [`/feeds/${nonePull}/events?limit=ten`, 400, /query\.limit/],
      [`/feeds/${nonePull}/events?cursor=3`, 400, /cursor/],
      [`/feeds/${randomUUID()}/events`, 404, /does not exist/],
      ['/feeds/not-a-uuid/events', 400, /params\.subscriptionId/],
      [`/feeds/${nonePull}/events`, 403, /agency-observer/, actingAs('case-worker-test', ['case-worker'])],
    ];
    for (const [path, status, detail, headers] of cases) {
      const res = await h.api('GET', path, undefined, headers ?? actingAs('observer-test', ['agency-observer']));
      expect({ path, status: res.status, mentions: detail.test(res.text), type: res.status >= 400 ? 'problem' : 'ok' }).toEqual({ path, status, mentions: true, type: 'problem' });
    }
  });
});
