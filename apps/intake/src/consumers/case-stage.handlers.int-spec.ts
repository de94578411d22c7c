import { randomUUID } from 'node:crypto';
import {
  CaseAssignedV1,
  CaseBoardedV1,
  CaseClearedV1,
  CaseHandedOverV1,
  CaseHoldLiftedV1,
  CaseHoldPlacedV1,
  CaseRejectedV1,
  CaseUnassignedV1,
  GuardianOptedOutV1,
  LegalFileOpenedV1,
  MovementArrivedV1,
  MovementDepartedV1,
} from '@homeward/contracts';
import * as testing from '@homeward/testing';
import { caseBody, IntakeUnderTest, programmeBody, SUPERVISOR, USER } from '../http/case-api.test-kit';

const P = 'iq-ru-2019';
const flight = { operator: 'Emergencies Ministry', flightNumber: 'RSD-E2E', departureAirport: 'BGW', arrivalAirport: 'ZIA', scheduledDeparture: '2019-07-10T05:00:00Z' };
const t = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute)).toISOString();

describe('intake follows legal and logistics events to the case stage (real Kafka)', () => {
  const intake = new IntakeUnderTest(testing);
  const register = async () => (await intake.call('POST', '/cases', caseBody(P))).body['caseId'] as string;
  const caseOf = async (caseId: string) => (await intake.call('GET', `/cases/${caseId}`)).body as { stage: string; stageHistory: Array<{ stage: string; at: string }> };
  const stageIs = (caseId: string, stage: string) => testing.expectEventually(async () => expect((await caseOf(caseId)).stage).toBe(stage), { timeoutMs: 30_000 });

  beforeAll(async () => {
    await intake.start();
    await intake.call('POST', '/programmes', programmeBody(P), SUPERVISOR);
  });
  afterAll(() => intake.stop());

  it('walks the whole journey in order, a hold included, to closed, with the history of each stage', async () => {
    const caseId = await register();
    const movementId = randomUUID();
    const holdId = randomUUID();
    await intake.produce(LegalFileOpenedV1, { caseId, openedAt: t(1), requirements: ['nationality-verified'] });
    await stageIs(caseId, 'in-legal-review');
    await intake.produce(CaseHoldPlacedV1, { caseId, holdId, category: 'security', reason: 'screening pending', placedBy: 'legal-1', placedAt: t(2) });
    await stageIs(caseId, 'on-hold');
    await intake.produce(CaseHoldLiftedV1, { caseId, holdId, liftedBy: 'legal-1', liftedAt: t(3) });
    await stageIs(caseId, 'in-legal-review');
    await intake.produce(CaseClearedV1, { caseId, programmeId: P, destinationState: 'RU', clearedAt: t(4), approvedBy: ['legal-1', 'supervisor-1'] });
    await stageIs(caseId, 'cleared');
    await intake.produce(CaseAssignedV1, { caseId, movementId, seat: 1, flight, assignedAt: t(5) });
    await stageIs(caseId, 'assigned');
    await intake.produce(CaseBoardedV1, { caseId, movementId, boardedAt: t(6) });
    await stageIs(caseId, 'boarded');
    await intake.produce(MovementDepartedV1, { movementId, caseIds: [caseId], departedAt: t(7) });
    await intake.produce(MovementArrivedV1, { movementId, caseIds: [caseId], arrivedAt: t(8) });
    await stageIs(caseId, 'arrived');
    await intake.produce(CaseHandedOverV1, {
      caseId,
      movementId,
      receiverKind: 'guardian',
      personal: { name: 'Анна Примерова', relationship: 'grandmother', receivingPerson: 'Анна Примерова' },
      handedOverAt: t(9),
    });
    await stageIs(caseId, 'closed');
    expect((await caseOf(caseId)).stageHistory.map((h) => h.stage)).toEqual([
      'registered', 'in-legal-review', 'on-hold', 'in-legal-review', 'cleared', 'assigned', 'boarded', 'arrived', 'handed-over', 'closed',
    ]);
  });

  it('never moves a case backwards when topics arrive out of order or twice', async () => {
    const caseId = await register();
    const movementId = randomUUID();
    // Logistics' assignment overtakes legal's events (different topics), and every event is delivered twice.
    await intake.produce(CaseAssignedV1, { caseId, movementId, seat: 2, flight, assignedAt: t(5) }, 2);
    await stageIs(caseId, 'assigned');
    await intake.produce(CaseClearedV1, { caseId, programmeId: P, destinationState: 'RU', clearedAt: t(4), approvedBy: ['legal-1', 'supervisor-1'] }, 2);
    await intake.produce(LegalFileOpenedV1, { caseId, openedAt: t(1), requirements: ['nationality-verified'] }, 2);
    // The arrival (keyed by movement) overtakes the boarding (keyed by case).
    await intake.produce(MovementArrivedV1, { movementId, caseIds: [caseId], arrivedAt: t(8) }, 2);
    await stageIs(caseId, 'arrived');
    await intake.produce(CaseBoardedV1, { caseId, movementId, boardedAt: t(6) }, 2);
    await testing.expectEventually(async () =>
      expect((await caseOf(caseId)).stageHistory.map((h) => h.stage)).toEqual(['registered', 'in-legal-review', 'cleared', 'assigned', 'boarded', 'arrived']),
    );
    expect((await caseOf(caseId)).stage).toBe('arrived');
  });

  it('returns an unassigned case to cleared, and a rejected case refuses changes', async () => {
    const caseId = await register();
    const movementId = randomUUID();
    await intake.produce(LegalFileOpenedV1, { caseId, openedAt: t(1), requirements: ['nationality-verified'] });
    await intake.produce(CaseClearedV1, { caseId, programmeId: P, destinationState: 'RU', clearedAt: t(2), approvedBy: ['legal-1', 'supervisor-1'] });
    await intake.produce(CaseAssignedV1, { caseId, movementId, seat: 3, flight, assignedAt: t(3) });
    await intake.produce(CaseUnassignedV1, { caseId, movementId, reason: 'seat given to a sibling group', unassignedAt: t(4) });
    await stageIs(caseId, 'cleared');

    const rejected = await register();
    await intake.produce(LegalFileOpenedV1, { caseId: rejected, openedAt: t(1), requirements: ['nationality-verified'] });
    await intake.produce(CaseRejectedV1, { caseId: rejected, requirement: 'nationality-verified', reason: 'DNA does not match', rejectedBy: 'legal-1', rejectedAt: t(2) });
    await stageIs(rejected, 'rejected');
    const etag = (await intake.call('GET', `/cases/${rejected}`)).headers.get('etag')!;
    expect((await intake.call('PATCH', `/cases/${rejected}`, { medicalNeeds: 'x' }, { ...USER, 'if-match': etag })).status).toBe(409);
  });

  it("shows the case worker which guardian stopped the e-mails, once however often notification says so", async () => {
    const caseId = await register();
    const { personal } = (await intake.call('GET', `/cases/${caseId}`)).body as { personal: { guardians: Array<{ guardianId: string }> } };
    const guardianId = personal.guardians[0]!.guardianId;
    await intake.produce(GuardianOptedOutV1, { caseId, guardianId, optedOutAt: t(3) }, 2);
    await intake.produce(GuardianOptedOutV1, { caseId, guardianId, optedOutAt: t(4) });
    await testing.expectEventually(async () =>
      expect((await intake.call('GET', `/cases/${caseId}`)).body['guardianEmailOptOuts']).toEqual([{ guardianId, at: t(3) }]),
    );
    // Both events processed (the first delivered twice): still one entry, the first.
    const processed = intake.service.context.connection.collection('processed_events');
    await testing.expectEventually(async () => expect(await processed.countDocuments({ type: 'notification.guardian-opted-out.v1' })).toBe(2));
    expect((await intake.call('GET', `/cases/${caseId}`)).body['guardianEmailOptOuts']).toEqual([{ guardianId, at: t(3) }]);
  });
});
