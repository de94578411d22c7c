import * as testing from '@homeward/testing';
import { duplicateDetectorFor } from '../store/duplicate-detector';
import { caseBody, IntakeUnderTest, programmeBody, SUPERVISOR, USER } from './case-api.test-kit';

const P = 'iq-ru-2019';
type Duplicate = { duplicateId: string; caseIds: string[]; status: string; detectedFor: string; detectedBy: string };

describe('duplicate review against the real servers', () => {
  const intake = new IntakeUnderTest(testing);
  const register = async (names: unknown[], birthDate: unknown, extra: Record<string, unknown> = {}) => {
    const reply = await intake.call('POST', '/cases', caseBody(P, { names, birthDate, mother: { name: { given: 'Zaynab', family: 'Duplicova', script: 'latin' }, status: 'detained' }, ...extra }));
    expect(reply.status).toBe(201);
    return String(reply.body['caseId']);
  };
  const openPairFor = (caseId: string) =>
    testing.expectEventually(async () => {
      const open = await intake.call<{ items: Duplicate[] }>('GET', '/duplicates?status=open');
      const pair = open.body.items.find((d) => d.caseIds.includes(caseId));
      expect(pair).toBeDefined();
      return pair!;
    });

  beforeAll(async () => {
    await intake.start();
    expect((await intake.call('POST', '/programmes', programmeBody(P), SUPERVISOR)).status).toBe(201);
  });
  afterAll(() => intake.stop());

  it('flags the same child registered in Latin and in Cyrillic script, and merges it on confirmation (case.merged.v1)', async () => {
    const latin = await register([{ given: 'Fatima', family: 'Duplicova', script: 'latin' }], { value: '2015-04-12', precision: 'day' });
    const cyrillic = await register([{ given: 'Фатима', family: 'Дупликова', script: 'cyrillic' }], { value: '2015-01-01', precision: 'year' }, { mother: { name: { given: 'Зайнаб', family: 'Дупликова', script: 'cyrillic' }, status: 'detained' } });
    const pair = await openPairFor(cyrillic);
    expect(pair).toMatchObject({ caseIds: [latin, cyrillic].sort(), detectedBy: 'registration' });
    expect(pair.caseIds).toContain(pair.detectedFor);

    const outsider = await intake.call('POST', `/duplicates/${pair.duplicateId}/confirmation`, { survivorCaseId: '00000000-0000-4000-8000-000000000000' });
    expect([outsider.status, outsider.body['rule']]).toEqual([422, 'survivor-in-pair']);
    expect((await intake.call('POST', `/duplicates/${pair.duplicateId}/confirmation`, { survivorCaseId: latin }, {})).status).toBe(401);

    const confirmed = await intake.call('POST', `/duplicates/${pair.duplicateId}/confirmation`, { survivorCaseId: latin }, testing.actingAs('reviewer-7', ['case-worker']));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', confirmation: { survivorCaseId: latin, mergedCaseId: cyrillic, by: 'reviewer-7' } });

    const merged = await intake.call('GET', `/cases/${cyrillic}`);
    expect(merged.body).toMatchObject({ stage: 'merged', mergedInto: latin });
    expect((merged.body['stageHistory'] as Array<{ stage: string }>).map((h) => h.stage)).toEqual(['registered', 'merged']);
    await testing.expectEventually(() => expect(intake.publishedOfType('case.merged.v1').map((e) => e.data)).toEqual([expect.objectContaining({ caseId: cyrillic, survivorCaseId: latin })]));

    const patch = await intake.call('PATCH', `/cases/${cyrillic}`, { placeOfBirth: 'Mosul' }, { ...USER, 'if-match': merged.headers.get('etag')! });
    expect(patch.status).toBe(409);
    expect((await intake.call('POST', `/duplicates/${pair.duplicateId}/confirmation`, { survivorCaseId: latin })).status).toBe(409);
    expect((await intake.call('POST', `/duplicates/${pair.duplicateId}/dismissal`, { reason: 'changed my mind' })).status).toBe(409);
  });

  it('dismisses a pair with a reason and who, once', async () => {
    const first = await register([{ given: 'Amira', family: 'Dismissova', script: 'latin' }], { value: '2016-03-03', precision: 'day' });
    const second = await register([{ given: 'Амира', family: 'Дисмиссова', script: 'cyrillic' }], { value: '2016-03-03', precision: 'day' });
    const pair = await openPairFor(second);
    expect(pair.caseIds).toEqual([first, second].sort());
    const dismissed = await intake.call('POST', `/duplicates/${pair.duplicateId}/dismissal`, { reason: 'twins, confirmed by the camp doctor' }, testing.actingAs('reviewer-8', ['case-worker']));
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissal: { reason: 'twins, confirmed by the camp doctor', by: 'reviewer-8' } });
    expect((await intake.call('POST', `/duplicates/${pair.duplicateId}/dismissal`, { reason: 'again' })).status).toBe(409);
    expect((await intake.call('POST', `/duplicates/${pair.duplicateId}/confirmation`, { survivorCaseId: first })).status).toBe(409);
    expect((await intake.call('GET', '/duplicates?status=open')).body['items']).toEqual([]);
    expect((await intake.call('GET', '/duplicates?status=dismissed')).body['items']).toEqual([expect.objectContaining({ duplicateId: pair.duplicateId })]);
  });

  it('does not flag a different child', async () => {
    const other = await register([{ given: 'Yusuf', family: 'Karimov', script: 'latin' }], { value: '2011-09-30', precision: 'day' }, { sex: 'male', mother: undefined });
    await intake.settled();
    // The detection of its registration has run once the case is in the detector's index (its handlers keep no processed-event records).
    const detector = duplicateDetectorFor(intake.service.context.connection, intake.service.context.logger);
    await testing.expectEventually(async () => expect(detector.index.has(other)).toBe(true));
    const all = await intake.call<{ items: Duplicate[] }>('GET', '/duplicates');
    expect(all.body.items.some((d) => d.caseIds.includes(other))).toBe(false);
  });
});
