import * as testing from '@homeward/testing';
import { IntakeUnderTest, programmeBody, SUPERVISOR, SUPERVISOR_ID, type Reply } from './case-api.test-kit';

describe('intake programme API against the real servers', () => {
  const intake = new IntakeUnderTest(testing);
  beforeAll(() => intake.start());
  afterAll(() => intake.stop());

  it('creates a programme: 201, Location, ETag, programme.created.v1', async () => {
    const created = await intake.call('POST', '/programmes', programmeBody('iq-ru-2019'), SUPERVISOR);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/programmes/iq-ru-2019');
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({ programmeId: 'iq-ru-2019', status: 'active', createdBy: SUPERVISOR_ID });
    await intake.settled();
    expect(intake.publishedOfType('programme.created.v1').map((e) => e.data)).toEqual([
      expect.objectContaining({ programmeId: 'iq-ru-2019', eligibility: { maxAgeAtRegistration: 17, childrenOnly: true } }),
    ]);
  });

  it('reads one programme and lists them all', async () => {
    await intake.call('POST', '/programmes', programmeBody('iq-fr-2019', { destinationState: 'FR' }), SUPERVISOR);
    const one = await intake.call('GET', '/programmes/iq-fr-2019');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ destinationState: 'FR', version: 1 });
    const all = await intake.call<{ items: Array<{ programmeId: string }> }>('GET', '/programmes');
    expect(all.body.items.map((p) => p.programmeId)).toEqual(['iq-fr-2019', 'iq-ru-2019']);
  });

  it('suspends with a reason and resumes, each with its event', async () => {
    const suspended = await intake.call('POST', '/programmes/iq-ru-2019/suspension', { reason: 'security disagreements' }, SUPERVISOR);
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspension: { reason: 'security disagreements', by: SUPERVISOR_ID } });
    expect(suspended.headers.get('etag')).toBe('"2"');
    const resumed = await intake.call('POST', '/programmes/iq-ru-2019/resumption', undefined, SUPERVISOR);
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'active', suspension: null });
    await intake.settled();
    expect(intake.publishedOfType('programme.suspended.v1')[0]!.data).toMatchObject({ programmeId: 'iq-ru-2019', reason: 'security disagreements' });
    expect(intake.publishedOfType('programme.resumed.v1')).toHaveLength(1);
  });

  it('refuses bad or impossible commands and changes nothing', async () => {
    const before = await intake.settled();
    const refusals: Array<[string, Reply, number, string?]> = [
      ['an existing id', await intake.call('POST', '/programmes', programmeBody('iq-ru-2019'), SUPERVISOR), 409],
      ['no bearer token', await intake.call('POST', '/programmes', programmeBody('iq-de-2019'), {}), 401],
      ['an unknown field', await intake.call('POST', '/programmes', { ...programmeBody('iq-de-2019'), budget: 1 }, SUPERVISOR), 400, '/budget'],
      ['a bad id', await intake.call('POST', '/programmes', programmeBody('Not A Slug'), SUPERVISOR), 400, '/programmeId'],
      ['no requirements', await intake.call('POST', '/programmes', programmeBody('iq-de-2019', { requirements: [] }), SUPERVISOR), 400, '/requirements'],
      ['resuming an active programme', await intake.call('POST', '/programmes/iq-ru-2019/resumption', undefined, SUPERVISOR), 409],
      ['a suspension without a reason', await intake.call('POST', '/programmes/iq-ru-2019/suspension', {}, SUPERVISOR), 400, '/reason'],
      ['a stale If-Match', await intake.call('POST', '/programmes/iq-ru-2019/suspension', { reason: 'x' }, { ...SUPERVISOR, 'if-match': '"1"' }), 412],
      ['an unknown programme', await intake.call('POST', '/programmes/xx-yy-2000/suspension', { reason: 'x' }, SUPERVISOR), 404],
    ];
    for (const [what, reply, status, field] of refusals) {
      expect({ what, status: reply.status }).toEqual({ what, status });
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      if (field) expect((reply.body['errors'] as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    }
    const suspendedTwice = await intake.call('POST', '/programmes/iq-fr-2019/suspension', { reason: 'first' }, SUPERVISOR);
    expect(suspendedTwice.status).toBe(200);
    const again = await intake.call('POST', '/programmes/iq-fr-2019/suspension', { reason: 'second' }, SUPERVISOR);
    expect(again.status).toBe(409);
    expect(again.body['detail']).toMatch(/already suspended/);
    expect(await intake.settled()).toBe(before + 1);
    expect(await intake.programmeCount()).toBe(2);
    expect((await intake.call('GET', '/programmes/iq-ru-2019')).body).toMatchObject({ status: 'active', version: 3 });
  });

  it('answers 404 for an unknown programme', async () => {
    expect((await intake.call('GET', '/programmes/xx-yy-2000')).status).toBe(404);
  });
});
