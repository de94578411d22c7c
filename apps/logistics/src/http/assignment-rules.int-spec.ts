import { ProgrammeResumedV1, ProgrammeSuspendedV1 } from '@homeward/contracts';
import { expectEventually, testServers, uniqueName } from '@homeward/testing';
import { LogisticsHarness, OFFICER, type ApiAnswer } from '../test-support/logistics.harness';

interface RuleProblem {
  type: string;
  rule: string;
  violations: { rule: string; caseId?: string; message: string }[];
}

/** Every assignment rule refusing through the real API; a refusal changes nothing and publishes nothing. */
describe('logistics: assignment rules and refusals', () => {
  const programmeId = 'rules-test';
  const suspendedProgramme = 'rules-suspended';
  let h: LogisticsHarness;
  const c: Record<string, string> = {};

  const assign = (movementId: string, caseIds: string[]) => h.api('POST', `/movements/${movementId}/assignments`, { caseIds });
  const problem = (answer: ApiAnswer): RuleProblem => {
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return answer.body as unknown as RuleProblem;
  };
  const known = (caseId: string, cleared = true) =>
    expectEventually(async () => expect((await h.api('GET', `/cases/${caseId}`)).body).toMatchObject({ cleared }));

  beforeAll(async () => {
    h = await LogisticsHarness.start(uniqueName('logistics-rules'), testServers);
    await h.createProgramme(programmeId, { childrenPerEscort: 2, infantsPerEscort: 1, infantAgeMonths: 24 });
    await h.createProgramme(suspendedProgramme);
    c['ok'] = await h.addCase(programmeId);
    c['ok2'] = await h.addCase(programmeId);
    c['notCleared'] = await h.addCase(programmeId, {}, false);
    c['sisterA'] = crypto.randomUUID();
    c['sisterB'] = crypto.randomUUID();
    await h.addCase(programmeId, { caseId: c['sisterA'], siblingCaseIds: [c['sisterB']] });
    await h.addCase(programmeId, { caseId: c['sisterB'] });
    c['medical'] = await h.addCase(programmeId, { requiresMedicalEscort: true, personal: { medicalNeeds: 'Insulin' } });
    c['otherProgramme'] = await h.addCase(suspendedProgramme);
    await Promise.all(Object.entries(c).map(([name, id]) => known(id, name !== 'notCleared')));
    await h.produce(ProgrammeSuspendedV1, { programmeId: suspendedProgramme, reason: 'Security review', suspendedAt: new Date().toISOString() });
  });

  afterAll(async () => {
    await h.stop();
  });

  it.each([
    ['case-cleared', 'a case legal has not cleared', async () => {
      const m = await h.scheduleMovement(programmeId);
      await h.addEscorts(m, 'official');
      return assign(m, [c['notCleared']!]);
    }],
    ['siblings-together', 'a child without its cleared sibling', async () => {
      const m = await h.scheduleMovement(programmeId);
      await h.addEscorts(m, 'official');
      return assign(m, [c['sisterA']!]);
    }],
    ['free-seats', 'more children than free seats', async () => {
      const m = await h.scheduleMovement(programmeId, { seats: 1 });
      await h.addEscorts(m, 'official');
      return assign(m, [c['sisterA']!, c['sisterB']!]);
    }],
    ['escort-ratio', 'children without enough escorts', async () => assign(await h.scheduleMovement(programmeId), [c['ok']!])],
    ['medical-escort', 'a child needing a medical escort without one', async () => {
      const m = await h.scheduleMovement(programmeId);
      await h.addEscorts(m, 'official');
      return assign(m, [c['medical']!]);
    }],
    ['movement-open', 'a cancelled movement', async () => {
      const m = await h.scheduleMovement(programmeId);
      await h.addEscorts(m, 'official');
      expect((await h.api('POST', `/movements/${m}/cancel`, { reason: 'Weather' })).status).toBe(200);
      return assign(m, [c['ok']!]);
    }],
    ['same-programme', "a case of another programme", async () => {
      const m = await h.scheduleMovement(programmeId);
      await h.addEscorts(m, 'official');
      return assign(m, [c['otherProgramme']!]);
    }],
  ])('refuses with %s: %s', async (rule, _what, attempt) => {
    const refused = problem(await attempt());
    expect(refused.rule).toBe(rule);
    expect(refused.violations.map((v) => v.rule)).toEqual([rule]);
    expect(refused.type).toMatch(/rule-violated$/);
  });

  it('names every failing rule of one request, and changes nothing', async () => {
    const m = await h.scheduleMovement(programmeId, { seats: 1 });
    await expectEventually(() => expect(h.eventsAbout(m)).toEqual(['movement.scheduled.v1']));
    const before = await h.api('GET', `/movements/${m}`);
    // Everything the earlier tests caused is on the topic and read back before counting.
    const published = await expectEventually(async () => {
      const count = await h.publishedCount();
      expect(h.published).toHaveLength(count);
      return count;
    });

    const refused = problem(await assign(m, [c['notCleared']!, c['sisterA']!, c['medical']!]));
    expect(refused.rule).toBe(refused.violations[0]!.rule);
    expect(new Set(refused.violations.map((v) => v.rule))).toEqual(
      new Set(['case-cleared', 'siblings-together', 'free-seats', 'escort-ratio', 'medical-escort']),
    );
    expect(refused.violations).toContainEqual(expect.objectContaining({ rule: 'case-cleared', caseId: c['notCleared'] }));
    expect(refused.violations).toContainEqual(expect.objectContaining({ rule: 'siblings-together', caseId: c['sisterA'] }));

    const after = await h.api('GET', `/movements/${m}`);
    expect(after.body).toEqual(before.body);
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'));
    expect((await h.api('GET', `/cases/${c['sisterA']}`)).body).toMatchObject({ inClearedPool: true, movementId: null });
    // A barrier instead of a sleep: an event committed after the refusal is published after anything the refusal wrote.
    await h.addEscorts(m, 'carer');
    await expectEventually(() => expect(h.eventsAbout(m)).toEqual(['movement.scheduled.v1', 'movement.escort-added.v1']));
    expect(await h.publishedCount()).toBe(published + 1);
    const requested = [c['notCleared'], c['sisterA'], c['medical']];
    expect(h.published.filter((e) => requested.includes(e.subject))).toEqual([]);
  });

  it('refuses assignment and departure under a suspended programme, and allows them once resumed', async () => {
    const m = await h.scheduleMovement(suspendedProgramme);
    await h.addEscorts(m, 'official');
    const refused = problem(await assign(m, [c['otherProgramme']!]));
    expect(refused.rule).toBe('programme-active');
    expect(refused.violations[0]!.message).toMatch(/suspended: Security review/);
    const departure = problem(await h.api('POST', `/movements/${m}/departure`));
    expect(departure.rule).toBe('programme-active');
    expect((await h.api('GET', `/movements/${m}`)).body).toMatchObject({ status: 'scheduled' });

    await h.produce(ProgrammeResumedV1, { programmeId: suspendedProgramme, resumedAt: new Date().toISOString() });
    await expectEventually(async () => expect((await assign(m, [c['otherProgramme']!])).status).toBe(201));
    expect((await h.api('POST', `/movements/${m}/boarding/${c['otherProgramme']}`, { status: 'boarded' })).status).toBe(200);
    expect((await h.api('POST', `/movements/${m}/departure`)).body).toMatchObject({ status: 'departed' });
  });

  it('answers 409 naming the state for a transition the movement does not allow', async () => {
    const m = await h.scheduleMovement(programmeId);
    const arrival = await h.api('POST', `/movements/${m}/arrival`);
    expect(arrival.status).toBe(409);
    expect(arrival.body).toMatchObject({ state: 'scheduled', detail: expect.stringMatching(/the movement is scheduled/) });
    const boarding = await h.api('POST', `/movements/${m}/boarding/${c['ok2']}`, { status: 'boarded' });
    expect(boarding.status).toBe(409);
    expect(boarding.body['detail']).toMatch(/holds no seat/);
    expect((await h.api('POST', `/movements/${m}/boarding/${c['ok2']}`, { status: 'no-show' })).status).toBe(400);
    expect((await h.api('GET', `/movements/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('refuses a second movement for a child already seated, and a stale If-Match with 412', async () => {
    const first = await h.scheduleMovement(programmeId);
    await h.addEscorts(first, 'official');
    expect((await assign(first, [c['ok2']!])).status).toBe(201);
    const second = await h.scheduleMovement(programmeId);
    await h.addEscorts(second, 'official');
    const refused = problem(await assign(second, [c['ok2']!]));
    expect(refused.violations[0]).toMatchObject({ rule: 'case-cleared', message: expect.stringContaining(first) });
    const stale = await h.api('POST', `/movements/${second}/reschedule`, { scheduledDeparture: '2019-07-11T05:00:00Z' }, {
      ...OFFICER,
      'if-match': '"1"',
    });
    expect(stale.status).toBe(412);
  });

  it('keeps concurrent assignments apart: distinct seats on one movement, one movement per child', async () => {
    const children = await Promise.all(Array.from({ length: 6 }, () => h.addCase(programmeId)));
    await Promise.all(children.map((id) => known(id)));
    const m = await h.scheduleMovement(programmeId);
    await h.addEscorts(m, 'official', 'official', 'official');
    const answers = await Promise.all(children.map((id) => assign(m, [id])));
    expect(answers.map((a) => a.status)).toEqual(children.map(() => 201));
    const seats = answers.map((a) => (a.body['assigned'] as { seat: number }[])[0]!.seat);
    expect(new Set(seats).size).toBe(children.length);

    const [x, y] = [await h.scheduleMovement(programmeId), await h.scheduleMovement(programmeId)];
    await Promise.all([h.addEscorts(x, 'official'), h.addEscorts(y, 'official')]);
    const lone = await h.addCase(programmeId);
    await known(lone);
    const race = await Promise.all([assign(x, [lone]), assign(y, [lone])]);
    expect(race.map((a) => a.status).sort()).toEqual([201, expect.any(Number)]);
    expect(race.filter((a) => a.status === 201)).toHaveLength(1);
  });
});
