import { parse } from 'csv-parse/sync';
import { CaseHoldLiftedV1, CaseHoldPlacedV1 } from '@homeward/contracts';
import { expectEventually, testServers, uniqueName } from '@homeward/testing';
import { LogisticsHarness, OFFICER } from '../test-support/logistics.harness';
import { pdfText } from '../test-support/pdf-text';

/** The movement's journey from schedule to handover, against the real Kafka and MongoDB-wire server. */
describe('logistics: a movement from schedule to handover', () => {
  const programmeId = 'journey-test';
  let h: LogisticsHarness;
  const cleared = (caseId: string) =>
    expectEventually(async () => expect((await h.api('GET', `/cases/${caseId}`)).body).toMatchObject({ cleared: true, inClearedPool: true }));

  beforeAll(async () => {
    h = await LogisticsHarness.start(uniqueName('logistics-journey'), testServers);
    await h.createProgramme(programmeId);
  });

  afterAll(async () => {
    await h.stop();
  });

  it('schedules, escorts, seats siblings, exports the manifest, boards, departs, arrives and hands over', async () => {
    const [sisterA, sisterB] = [crypto.randomUUID(), crypto.randomUUID()];
    await h.addCase(programmeId, { caseId: sisterA, siblingCaseIds: [sisterB] });
    await h.addCase(programmeId, {
      caseId: sisterB,
      siblingCaseIds: [sisterA],
      requiresMedicalEscort: true,
      personal: { medicalNeeds: 'Asthma; inhaler during the flight', birthDate: { value: '2018-03-02', precision: 'day' } },
    });
    const noShow = await h.addCase(programmeId, { sex: 'male' });
    await Promise.all([sisterA, sisterB, noShow].map(cleared));

    const movementId = await h.scheduleMovement(programmeId, { flightNumber: 'EMR-JOURNEY', seats: 10 });
    await h.addEscorts(movementId, 'official', 'medical');

    const assigned = await h.api('POST', `/movements/${movementId}/assignments`, { caseIds: [sisterA, sisterB, noShow] });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ assigned: [{ caseId: sisterA, seat: 1 }, { caseId: sisterB, seat: 2 }, { caseId: noShow, seat: 3 }], freeSeats: 7 });
    expect((await h.api('GET', `/cases/${sisterA}`)).body).toMatchObject({ inClearedPool: false, movementId, passengerStatus: 'assigned' });

    const csv = await fetch(`${h.base}/movements/${movementId}/manifest.csv`, { headers: OFFICER });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r['seat'], r['caseId']])).toEqual([
      ['1', sisterA],
      ['2', sisterB],
      ['3', noShow],
    ]);
    expect(rows[1]).toMatchObject({ sex: 'female', dateOfBirth: '2018-03-02', infant: 'yes', medicalNeeds: 'Asthma; inhaler during the flight' });
    expect(rows[1]!['escort']).toMatch(/\(medical\)$/);
    expect(rows[0]!['guardian']).toBe('Primerova, Anna (grandmother)');

    const pdf = Buffer.from(await (await fetch(`${h.base}/movements/${movementId}/manifest.pdf`, { headers: OFFICER })).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('EMR-JOURNEY');
    expect(text).toContain('Children: 3   Infants: 1   Escorts: 2');
    expect(text).toContain('official 1, medical 1');

    for (const caseId of [sisterA, sisterB]) {
      expect((await h.api('POST', `/movements/${movementId}/boarding/${caseId}`, { status: 'boarded' })).status).toBe(200);
    }
    const missed = await h.api('POST', `/movements/${movementId}/boarding/${noShow}`, { status: 'no-show', reason: 'Not brought to the airport' });
    expect(missed.status).toBe(200);
    expect((await h.api('GET', `/cases/${noShow}`)).body).toMatchObject({ inClearedPool: true, movementId: null });

    expect((await h.api('POST', `/movements/${movementId}/handovers/${sisterA}`, { receiverKind: 'institution', name: 'X', relationship: 'y', receivingPerson: 'z' })).status).toBe(409);
    const departed = await h.api('POST', `/movements/${movementId}/departure`);
    expect(departed.body).toMatchObject({ status: 'departed' });
    expect((await h.api('POST', `/movements/${movementId}/assignments`, { caseIds: [noShow] })).body).toMatchObject({ rule: 'movement-open' });
    expect((await h.api('POST', `/movements/${movementId}/arrival`)).body).toMatchObject({ status: 'arrived' });

    const handedOver = await h.api('POST', `/movements/${movementId}/handovers/${sisterA}`, {
      receiverKind: 'guardian',
      name: 'Anna Primerova',
      relationship: 'grandmother',
      receivingPerson: 'Anna Primerova',
      handedOverAt: '2019-07-10T11:00:00Z',
    });
    expect(handedOver.status).toBe(200);
    const again = await h.api('POST', `/movements/${movementId}/handovers/${sisterA}`, { receiverKind: 'institution', name: 'Children\'s home', relationship: 'institution', receivingPerson: 'Director' });
    expect(again.status).toBe(409);
    expect(again.body['detail']).toMatch(/handed-over/);
    expect((await h.api('POST', `/movements/${movementId}/handovers/${sisterB}`, { receiverKind: 'institution', name: 'Children\'s home No. 1', relationship: 'state care', receivingPerson: 'Director' })).status).toBe(200);

    await expectEventually(() => {
      expect(h.eventsAbout(movementId)).toEqual([
        'movement.scheduled.v1',
        'movement.escort-added.v1',
        'movement.escort-added.v1',
        'movement.departed.v1',
        'movement.arrived.v1',
      ]);
      expect(h.eventsAbout(sisterA)).toEqual(['case.assigned.v1', 'case.boarded.v1', 'case.handed-over.v1']);
      expect(h.eventsAbout(noShow)).toEqual(['case.assigned.v1', 'case.boarding-missed.v1']);
    });
    const departedEvent = h.published.find((e) => e.type === 'movement.departed.v1' && e.subject === movementId);
    expect(departedEvent?.data).toMatchObject({ caseIds: [sisterA, sisterB] });
  });

  it('cancels a movement and returns its children to the cleared pool', async () => {
    const caseId = await h.addCase(programmeId);
    await cleared(caseId);
    const movementId = await h.scheduleMovement(programmeId);
    await h.addEscorts(movementId, 'carer');
    expect((await h.api('POST', `/movements/${movementId}/assignments`, { caseIds: [caseId] })).status).toBe(201);
    const cancelled = await h.api('POST', `/movements/${movementId}/cancel`, { reason: 'Airport closed' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', passengers: [], releasedCaseIds: [caseId] });
    expect((await h.api('GET', `/cases/${caseId}`)).body).toMatchObject({ inClearedPool: true, movementId: null });
    expect((await h.api('POST', `/movements/${movementId}/cancel`, { reason: 'again' })).status).toBe(409);

    // The next flight names the guardians' meeting point; the assignment carries it to notification.
    const next = await h.scheduleMovement(programmeId, { scheduledDeparture: '2019-08-10T05:00:00Z', meetingPoint: 'Terminal A, arrivals hall, exit 3' });
    await h.addEscorts(next, 'carer');
    expect((await h.api('POST', `/movements/${next}/assignments`, { caseIds: [caseId] })).status).toBe(201);
    await expectEventually(() => {
      expect(h.eventsAbout(movementId)).toContain('movement.cancelled.v1');
      expect(h.eventsAbout(caseId)).toEqual(['case.assigned.v1', 'case.unassigned.v1', 'case.assigned.v1']);
    });
    const assignments = h.published.filter((e) => e.subject === caseId && e.type === 'case.assigned.v1').map((e) => (e.data as { flight: { meetingPoint?: string } }).flight);
    expect(assignments.map((f) => f.meetingPoint)).toEqual([undefined, 'Terminal A, arrivals hall, exit 3']);
  });

  it('takes a case off its movement when legal places a hold, and seats it again only once lifted', async () => {
    const caseId = await h.addCase(programmeId);
    await cleared(caseId);
    const movementId = await h.scheduleMovement(programmeId);
    await h.addEscorts(movementId, 'official');
    expect((await h.api('POST', `/movements/${movementId}/assignments`, { caseIds: [caseId] })).status).toBe(201);
    const holdId = crypto.randomUUID();
    await h.produce(CaseHoldPlacedV1, {
      caseId,
      holdId,
      category: 'security',
      reason: 'Screening to be repeated',
      placedBy: 'legal-officer-test',
      placedAt: new Date().toISOString(),
    });
    await expectEventually(async () => expect((await h.api('GET', `/movements/${movementId}`)).body).toMatchObject({ passengers: [] }));
    expect((await h.api('GET', `/cases/${caseId}`)).body).toMatchObject({ onHold: true, movementId: null });
    await expectEventually(() => expect(h.published.find((e) => e.subject === caseId && e.type === 'case.unassigned.v1')?.data).toMatchObject({ reason: 'hold placed' }));
    expect((await h.api('POST', `/movements/${movementId}/assignments`, { caseIds: [caseId] })).body).toMatchObject({ rule: 'not-on-hold' });
    await h.produce(CaseHoldLiftedV1, { caseId, holdId, liftedBy: 'supervisor-test', liftedAt: new Date().toISOString() });
    await expectEventually(async () => expect((await h.api('POST', `/movements/${movementId}/assignments`, { caseIds: [caseId] })).status).toBe(201));
  });

  it('reschedules, unassigns, lists, and serves its OpenAPI document with every route', async () => {
    const caseId = await h.addCase(programmeId);
    await cleared(caseId);
    const movementId = await h.scheduleMovement(programmeId, { flightNumber: 'EMR-LIST' });
    const [escortId] = await h.addEscorts(movementId, 'psychologist');
    expect((await h.api('POST', `/movements/${movementId}/assignments`, { caseIds: [caseId] })).status).toBe(201);
    const rescheduled = await h.api('POST', `/movements/${movementId}/reschedule`, { scheduledDeparture: '2019-07-12T05:00:00Z' });
    expect(rescheduled.body).toMatchObject({ flight: { scheduledDeparture: '2019-07-12T05:00:00Z' }, passengers: [{ caseId, seat: 1 }] });
    const refusedRemoval = await h.api('DELETE', `/movements/${movementId}/escorts/${escortId}`);
    expect(refusedRemoval.status).toBe(422);
    expect(refusedRemoval.body).toMatchObject({ rule: 'escort-ratio' });
    expect((await h.api('DELETE', `/movements/${movementId}/assignments/${caseId}`)).body).toMatchObject({ passengers: [] });
    expect((await h.api('DELETE', `/movements/${movementId}/escorts/${escortId}`)).body).toMatchObject({ escorts: [] });

    const listed = await h.api('GET', `/movements?programmeId=${programmeId}&status=scheduled`);
    expect((listed.body['movements'] as { movementId: string }[]).map((m) => m.movementId)).toContain(movementId);
    expect((await h.api('GET', '/movements?status=landed')).status).toBe(400);
    await expectEventually(() => expect(h.eventsAbout(movementId)).toContain('movement.rescheduled.v1'));

    const noActor = await h.api('POST', `/movements/${movementId}/cancel`, { reason: 'x' }, {});
    expect(noActor.status).toBe(401);
    expect(JSON.stringify(noActor.body)).toContain('bearer token');

    const paths = (await h.api('GET', '/openapi.json')).body['paths'] as Record<string, Record<string, unknown>>;
    const routes = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'POST /movements',
        'GET /movements',
        'GET /movements/{movementId}',
        'POST /movements/{movementId}/reschedule',
        'POST /movements/{movementId}/cancel',
        'POST /movements/{movementId}/escorts',
        'DELETE /movements/{movementId}/escorts/{escortId}',
        'POST /movements/{movementId}/assignments',
        'DELETE /movements/{movementId}/assignments/{caseId}',
        'POST /movements/{movementId}/boarding/{caseId}',
        'POST /movements/{movementId}/departure',
        'POST /movements/{movementId}/arrival',
        'POST /movements/{movementId}/handovers/{caseId}',
        'GET /movements/{movementId}/manifest.csv',
        'GET /movements/{movementId}/manifest.pdf',
        'GET /cases/{caseId}',
        'GET /audit',
        'GET /audit/verification',
      ].sort(),
    );
  });
});
