import { randomUUID } from 'node:crypto';
import {
  CaseAssignedV1,
  CaseClearedV1,
  CaseHandedOverV1,
  CaseHoldPlacedV1,
  CaseRegisteredV1,
  CaseUpdatedV1,
  MovementArrivedV1,
  MovementCancelledV1,
  MovementRescheduledV1,
} from '@homeward/contracts';
import { mailpitMessage, mailpitMessagesTo } from '@homeward/testing';
import { EventsUnderTest, newDeployment, NotificationUnderTest, registeredCase } from '../test-support/notification.test-kit';

const flight = {
  operator: 'Emergencies Ministry',
  flightNumber: 'EMR-INT',
  departureAirport: 'BGW',
  arrivalAirport: 'ZIA',
  scheduledDeparture: '2019-07-10T05:00:00Z',
  meetingPoint: 'Terminal A, arrivals hall, exit 3',
};

describe("guardians' milestone e-mails (real Kafka, MongoDB-wire server and Mailpit)", () => {
  const deployment = newDeployment();
  const notification = new NotificationUnderTest(deployment);
  const events = new EventsUnderTest(deployment);
  const subjectsTo = async (address: string) => (await mailpitMessagesTo(address)).map((m) => m.Subject).sort();

  beforeAll(async () => {
    await notification.start();
    await events.start();
  });
  afterAll(async () => {
    await events.stop();
    await notification.service.context.connection.dropDatabase();
    await notification.stop();
  });

  it('writes one e-mail per milestone to every guardian, in their language, whatever Kafka redelivers', async () => {
    const child = registeredCase([{ language: 'ru' }, { language: 'ar' }]);
    const [ru, ar] = child.guardians;
    const { caseId } = child;
    const movementId = randomUUID();
    const holdId = randomUUID();
    // Every event twice (a redelivery keeps its id).
    await events.produce(CaseRegisteredV1, child.data, 2);
    await events.produce(CaseClearedV1, { caseId, programmeId: 'iq-ru-2019', destinationState: 'RU', clearedAt: '2019-07-01T14:30:00Z', approvedBy: ['l', 's'] }, 2);
    await events.produce(CaseAssignedV1, { caseId, movementId, seat: 1, flight, assignedAt: '2019-07-03T10:00:00Z' }, 2);
    await events.produce(MovementRescheduledV1, { movementId, scheduledDeparture: '2019-07-10T07:30:00Z', previousDeparture: flight.scheduledDeparture, caseIds: [caseId], rescheduledAt: '2019-07-05T09:00:00Z' }, 2);
    await events.produce(CaseHoldPlacedV1, { caseId, holdId, category: 'security', reason: 'Screening interview pending', placedBy: 'l', placedAt: '2019-07-06T09:00:00Z' }, 2);
    await events.produce(MovementArrivedV1, { movementId, caseIds: [caseId], arrivedAt: '2019-07-10T11:40:00Z' }, 2);
    const handedOver = await events.produce(CaseHandedOverV1, {
      caseId,
      movementId,
      receiverKind: 'guardian',
      guardianId: ru!.guardianId,
      personal: { name: 'Sample Primerova', relationship: 'grandmother', receivingPerson: 'Sample Primerova' },
      handedOverAt: '2019-07-10T13:00:00Z',
    }, 2);
    // The same milestone under a new event id: still no second e-mail.
    await events.produce(CaseClearedV1, { caseId, programmeId: 'iq-ru-2019', destinationState: 'RU', clearedAt: '2019-07-01T14:30:00Z', approvedBy: ['l', 's'] });

    const milestones = ['registered', 'cleared', 'assigned', 'movement-rescheduled', 'on-hold', 'arrived', 'handed-over'];
    const deliveries = await events.eventually(async () => {
      const found = await notification.deliveries(caseId);
      expect(found.filter((d) => d['status'] === 'sent')).toHaveLength(milestones.length * 2);
      return found;
    });
    expect(deliveries.filter((d) => d['guardianId'] === ru!.guardianId).map((d) => d['milestone']).sort()).toEqual([...milestones].sort());
    expect(deliveries.every((d) => d['attempts'] === 1)).toBe(true);

    // Processed once more after the redeliveries: the handover's second copy is through.
    await events.eventually(async () => expect(await notification.service.context.connection.collection('processed_events').countDocuments({ eventId: handedOver.id, group: notification.groupId })).toBe(1));
    // Mailpit may index a message a moment after accepting it.
    const ruSubjects = await events.eventually(async () => {
      const found = await subjectsTo(ru!.email);
      expect(found).toHaveLength(milestones.length);
      return found;
    });
    expect(ruSubjects).toEqual(expect.arrayContaining(['Ребёнок Тестовая дома', 'Возвращение ребёнка Тестовая одобрено']));
    await events.eventually(async () => expect(await mailpitMessagesTo(ar!.email)).toHaveLength(milestones.length));

    const assigned = (await mailpitMessagesTo(ru!.email)).find((m) => m.Subject.includes('забронировано'))!;
    const message = await mailpitMessage(assigned.ID);
    expect(message.Text).toContain('вылет среда, 10 июля 2019 г. в 08:00 GMT+3');
    expect(message.Text).toContain('Международный аэропорт Жуковский (ZIA)');
    expect(message.Text).toContain('Terminal A, arrivals hall, exit 3');
    expect(message.HTML).toContain('<html lang="ru" dir="ltr">');
    expect(message.Text).toMatch(/https:\/\/notification\.homeward\.example\/unsubscribe\?token=/);

    const arabic = await Promise.all((await mailpitMessagesTo(ar!.email)).map((m) => mailpitMessage(m.ID)));
    expect(arabic.every((m) => m.HTML.includes('dir="rtl"'))).toBe(true);
    const hold = [...arabic, ...(await Promise.all((await mailpitMessagesTo(ru!.email)).map((m) => mailpitMessage(m.ID))))];
    expect(hold.some((m) => m.Text.includes('Screening') || m.HTML.includes('Screening'))).toBe(false);

    await events.eventually(() => expect(events.ofType('notification.email-sent.v1').filter((e) => (e.data as { caseId: string }).caseId === caseId)).toHaveLength(milestones.length * 2));
  });

  it('writes about a cancelled flight, and confirms the contact of a guardian added later', async () => {
    const child = registeredCase([{ language: 'fi' }]);
    const { caseId } = child;
    const movementId = randomUUID();
    await events.produce(CaseRegisteredV1, child.data);
    await events.produce(CaseAssignedV1, { caseId, movementId, seat: 2, flight: { ...flight, meetingPoint: undefined } as never, assignedAt: '2019-07-03T10:00:00Z' });
    await events.produce(MovementCancelledV1, { movementId, reason: 'Airport closed', releasedCaseIds: [caseId], cancelledAt: '2019-07-06T09:00:00Z' });
    await events.eventually(async () => expect((await notification.deliveries(caseId)).filter((d) => d['status'] === 'sent')).toHaveLength(3));
    // Added after the flight was cancelled (topics have no order between them: wait, or the new guardian would rightly get those too).
    const added = registeredCase([{ language: 'de' }]).guardians[0]!;
    const { registeredAt: _r, importReference: _i, ...snapshot } = child.data;
    await events.produce(CaseUpdatedV1, { ...snapshot, personal: { ...snapshot.personal, guardians: [...child.guardians, added] }, version: 2, updatedAt: '2019-07-07T09:00:00Z' });

    await events.eventually(async () => expect((await notification.deliveries(caseId)).filter((d) => d['status'] === 'sent')).toHaveLength(4));
    await events.eventually(async () => expect(await subjectsTo(child.guardians[0]!.email)).toEqual([
      'Lapselle Testovaya on varattu paikka kotilennolle',
      'Lapsen Testovaya lento on peruttu',
      'Testovaya on rekisteröity paluuohjelmaan',
    ]));
    const [assigned] = (await mailpitMessagesTo(child.guardians[0]!.email)).filter((m) => m.Subject.includes('varattu'));
    expect((await mailpitMessage(assigned!.ID)).Text).toContain('Tapaamispaikka: ilmoitetaan myöhemmin.');
    await events.eventually(async () => expect(await subjectsTo(added.email)).toEqual(['Testovaya ist im Rückkehrprogramm registriert']));
  });

  it('previews every milestone for reviewers, refusing an unknown milestone (404) and a malformed language (400)', async () => {
    const preview = await notification.call('GET', '/previews/assigned?lang=ar');
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toContain('text/html');
    expect(preview.text).toContain('<html lang="ar" dir="rtl">');
    expect((await notification.call('GET', '/previews/on-hold?lang=de&format=text')).text).toContain('Die Rückkehr von Testovaya dauert länger als geplant.');
    expect((await notification.call('GET', '/previews/cleared?lang=es&format=json')).body).toMatchObject({ language: 'en' });

    const unknown = await notification.call('GET', '/previews/boarded?lang=en');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const badLanguage = await notification.call('GET', '/previews/assigned?lang=r1');
    expect(badLanguage.status).toBe(400);
    expect(JSON.stringify(badLanguage.body)).toContain('query.lang');
  });
});
