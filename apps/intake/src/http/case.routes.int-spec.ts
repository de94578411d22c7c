import * as testing from '@homeward/testing';
import { caseBody, IntakeUnderTest, programmeBody, SUPERVISOR, USER, type Reply } from './case-api.test-kit';

const P = 'iq-ru-2019';
const problemFields = (reply: Reply) => ((reply.body['errors'] as Array<{ field: string }> | undefined) ?? []).map((e) => e.field);

describe('intake case API against the real servers', () => {
  const intake = new IntakeUnderTest(testing);
  const register = async (overrides: Record<string, unknown> = {}) => {
    const reply = await intake.call('POST', '/cases', caseBody(P, overrides));
    expect(reply.status).toBe(201);
    return reply.body['caseId'] as string;
  };
  const read = (caseId: string) => intake.call('GET', `/cases/${caseId}`);
  const names = (given: string, family = 'Testov') => [{ given, family, script: /[a-z]/i.test(given) ? 'latin' : 'cyrillic' }];

  beforeAll(async () => {
    await intake.start();
    expect((await intake.call('POST', '/programmes', programmeBody(P), SUPERVISOR)).status).toBe(201);
    expect((await intake.call('POST', '/programmes', programmeBody('iq-fr-2019', { destinationState: 'FR', eligibility: { maxAgeAtRegistration: 12, childrenOnly: true } }), SUPERVISOR)).status).toBe(201);
  });
  afterAll(() => intake.stop());

  it.each([
    ['malformed JSON', '{"programmeId": ', 'malformed-json', undefined],
    ['a missing field', JSON.stringify({ ...caseBody(P), sex: undefined }), 'validation-failed', '/sex'],
    ['an unknown field', JSON.stringify({ ...caseBody(P), religion: 'x' }), 'validation-failed', '/religion'],
    ['origin given by the caller', JSON.stringify({ ...caseBody(P), originState: 'IQ' }), 'validation-failed', '/originState'],
    ['a wrong type', JSON.stringify({ ...caseBody(P), birthDate: { value: 20150401, precision: 'month' } }), 'validation-failed', '/birthDate/value'],
    ['a bad nested value', JSON.stringify({ ...caseBody(P), guardians: [{ ...caseBody(P).guardians[0], email: 'not-an-address' }] }), 'validation-failed', '/guardians/0/email'],
    ['an operator key', JSON.stringify({ ...caseBody(P), facility: { $where: 'sleep(1000)' } }), 'validation-failed', '/facility/$where'],
  ])('refuses %s with 400 problem+json naming the field', async (_what, body, code, field) => {
    const reply = await intake.call('POST', '/cases', body);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(reply.body['type']).toMatch(new RegExp(`${code}$`));
    if (field) expect(problemFields(reply)).toContain(field);
  });

  it('refuses an oversized body with 413, a non-JSON body with 415, no bearer token with 401', async () => {
    expect((await intake.call('POST', '/cases', { ...caseBody(P), programmeId: 'x'.repeat(300_000) })).status).toBe(413);
    const form = await fetch(`${intake.base}/cases`, { method: 'POST', headers: { ...USER, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
    expect(form.status).toBe(415);
    const anonymous = await intake.call('POST', '/cases', caseBody(P), {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="homeward"');
    expect(anonymous.body['type']).toMatch(/unauthorized$/);
  });

  it('refuses with 422 naming the rule an unknown programme and a child over the maximum age', async () => {
    const unknown = await intake.call('POST', '/cases', caseBody('xx-yy-2000'));
    expect([unknown.status, unknown.body['rule']]).toEqual([422, 'programme-exists']);
    const old = await intake.call('POST', '/cases', caseBody('iq-fr-2019', { birthDate: { value: `${new Date().getUTCFullYear() - 15}-01-01`, precision: 'year' } }));
    expect([old.status, old.body['rule']]).toEqual([422, 'max-age-at-registration']);
  });

  it('stored and published nothing about cases for any refused registration', async () => {
    await intake.settled();
    expect(await intake.caseCount()).toBe(0);
    expect(intake.publishedOfType('case.registered.v2')).toHaveLength(0);
  });

  it('registers a case, publishes case.registered.v2 once with origin and destination of the programme, and serves it with an ETag', async () => {
    const reply = await intake.call('POST', '/cases', caseBody(P));
    expect(reply.status).toBe(201);
    const caseId = reply.body['caseId'] as string;
    expect(reply.headers.get('location')).toBe(`/cases/${caseId}`);
    const found = await read(caseId);
    expect(found.status).toBe(200);
    expect(found.headers.get('etag')).toBe('"1"');
    expect(found.body).toMatchObject({ caseId, stage: 'registered', originState: 'IQ', destinationState: 'RU', registeredBy: 'case-worker-1', personal: { names: caseBody(P).names } });
    expect(found.body).not.toHaveProperty('nameKeys');
    await intake.settled();
    const events = intake.publishedOfType('case.registered.v2');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject: caseId, data: { caseId, originState: 'IQ', destinationState: 'RU', siblingCaseIds: [] } });
  });

  it('registers once per Idempotency-Key: a repeat gets the same case, a reuse for another child 422, a bad key 400', async () => {
    const key = { ...USER, 'idempotency-key': `register-${Date.now()}` };
    const body = caseBody(P, { names: names('Idempotentina') });
    const before = await intake.caseCount();
    const first = await intake.call('POST', '/cases', body, key);
    const again = await intake.call('POST', '/cases', body, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body['caseId']).toBe(first.body['caseId']);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const reused = await intake.call('POST', '/cases', caseBody(P, { names: names('Otherina') }), key);
    expect(reused.status).toBe(422);
    expect(reused.body['rule']).toBe('idempotency-key-reused');
    const badKey = await intake.call('POST', '/cases', body, { ...USER, 'idempotency-key': 'has spaces in it' });
    expect(badKey.status).toBe(400);
    expect(problemFields(badKey)).toContain('Idempotency-Key');
    // Another caller's key of the same name is another registration.
    const other = await intake.call('POST', '/cases', body, { ...testing.actingAs('case-worker-2', ['case-worker']), 'idempotency-key': key['idempotency-key'] });
    expect(other.status).toBe(201);
    expect(other.body['caseId']).not.toBe(first.body['caseId']);

    await intake.settled();
    expect(await intake.caseCount()).toBe(before + 2);
    const published = intake.publishedOfType('case.registered.v2').filter((e) => e.subject === first.body['caseId']);
    expect(published).toHaveLength(1);
    expect((await read(first.body['caseId'] as string)).body).not.toHaveProperty('registrationFingerprint');
  });

  it('still registers under a suspended programme: suspension stops movements, not intake', async () => {
    await intake.call('POST', '/programmes/iq-fr-2019/suspension', { reason: 'security' }, SUPERVISOR);
    expect((await intake.call('POST', '/cases', caseBody('iq-fr-2019'))).status).toBe(201);
    await intake.call('POST', '/programmes/iq-fr-2019/resumption', undefined, SUPERVISOR);
  });

  it('answers 404 for an unknown case and 400 for a malformed id', async () => {
    expect((await read('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await read('not-a-uuid');
    expect(bad.status).toBe(400);
    expect(problemFields(bad)).toEqual(['params.caseId']);
  });

  describe('search', () => {
    let ahmed: string, ahmad: string, arabic: string, fatima: string;
    beforeAll(async () => {
      ahmed = await register({ names: names('Ahmed', 'Ismailov'), facility: { type: 'camp', name: 'Al-Hol Camp', city: 'Hasakah' } });
      ahmad = await register({ names: names('Ahmad', 'Karimov') });
      arabic = await register({ names: [{ given: 'أحمد', family: 'سعيد', script: 'arabic' }] });
      fatima = await register({ names: names('Фатима', 'Исмаилова'), programmeId: 'iq-fr-2019' });
    });
    const search = async (query: string) => {
      const reply = await intake.call<{ items: Array<{ caseId: string }>; next?: string }>('GET', `/cases?${query}`);
      expect(reply.status).toBe(200);
      return reply.body;
    };

    it('finds "Ahmed", "Ahmad" and "أحمد" for "Ахмед", and not "Фатима"', async () => {
      const ids = (await search(`name=${encodeURIComponent('Ахмед')}`)).items.map((c) => c.caseId);
      expect(ids).toEqual([ahmed, ahmad, arabic]);
      expect(ids).not.toContain(fatima);
    });

    it('needs every word of the name to match, in any script', async () => {
      expect((await search(`name=${encodeURIComponent('Ахмед Исмаилов')}`)).items.map((c) => c.caseId)).toEqual([ahmed]);
      expect((await search('name=Fatima+Ismailova')).items.map((c) => c.caseId)).toEqual([fatima]);
    });

    it('filters by facility (any case), programme, destination state and stage', async () => {
      expect((await search('facility=al-hol%20CAMP')).items.map((c) => c.caseId)).toEqual([ahmed]);
      expect((await search('programmeId=iq-fr-2019')).items.map((c) => c.caseId)).toContain(fatima);
      expect((await search('destinationState=FR')).items.every((c) => c.caseId !== ahmed)).toBe(true);
      expect((await search('stage=registered&name=Ahmad')).items).toHaveLength(3);
      expect((await search('stage=cleared')).items).toHaveLength(0);
    });

    it('pages in registration order with a cursor, each case once', async () => {
      const all = (await search('limit=200')).items.map((c) => c.caseId);
      const paged: string[] = [];
      let after: string | undefined;
      do {
        const page = await search(`limit=2${after ? `&after=${after}` : ''}`);
        paged.push(...page.items.map((c) => c.caseId));
        after = page.next;
      } while (after);
      expect(paged).toEqual(all);
      expect(all.length).toBeGreaterThanOrEqual(6);
    });

    it('refuses a forged cursor, an unknown stage and a limit over 200 (400)', async () => {
      for (const query of ['after=bm9wZQ', 'stage=flying', 'limit=500']) {
        expect((await intake.call('GET', `/cases?${query}`)).status).toBe(400);
      }
    });
  });

  describe('changes', () => {
    it('PATCH needs If-Match (428), refuses a stale one (412) and changes nothing', async () => {
      const caseId = await register();
      const before = await intake.settled();
      const missing = await intake.call('PATCH', `/cases/${caseId}`, { medicalNeeds: 'asthma' });
      expect(missing.status).toBe(428);
      expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const stale = await intake.call('PATCH', `/cases/${caseId}`, { medicalNeeds: 'asthma' }, { ...USER, 'if-match': '"7"' });
      expect(stale.status).toBe(412);
      expect((await intake.call('PATCH', `/cases/${caseId}`, {}, { ...USER, 'if-match': '"1"' })).status).toBe(400);
      expect(await intake.settled()).toBe(before);
      expect((await read(caseId)).headers.get('etag')).toBe('"1"');
    });

    it('PATCH with the current ETag changes the case, publishes case.updated.v1 with the snapshot, and re-keys the name', async () => {
      const caseId = await register();
      const reply = await intake.call('PATCH', `/cases/${caseId}`, { names: names('Yusuf'), medicalNeeds: 'insulin' }, { ...USER, 'if-match': '"1"' });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('etag')).toBe('"2"');
      await intake.settled();
      expect(intake.publishedOfType('case.updated.v1').find((e) => e.subject === caseId)?.data).toMatchObject({ version: 2, personal: { medicalNeeds: 'insulin' } });
      const found = await intake.call<{ items: Array<{ caseId: string }> }>('GET', `/cases?name=${encodeURIComponent('Юсуф')}`);
      expect(found.body.items.map((c) => c.caseId)).toEqual([caseId]);
    });

    it('links siblings symmetrically and transitively, once', async () => {
      const [a, b, c] = [await register(), await register(), await register()];
      expect((await intake.call('POST', `/cases/${a}/siblings`, { caseIds: [b] })).status).toBe(200);
      const linked = await intake.call('POST', `/cases/${c}/siblings`, { caseIds: [a] });
      expect(linked.body['siblingCaseIds']).toEqual([a, b].sort());
      for (const [id, others] of [[a, [b, c]], [b, [a, c]]] as const) {
        expect((await read(id)).body['siblingCaseIds']).toEqual([...others].sort());
      }
      const before = await intake.settled();
      expect((await intake.call('POST', `/cases/${b}/siblings`, { caseIds: [c] })).status).toBe(200);
      expect(await intake.settled()).toBe(before);
      const self = await intake.call('POST', `/cases/${a}/siblings`, { caseIds: [a] });
      expect([self.status, self.body['rule']]).toEqual([422, 'sibling-not-self']);
      const unknown = await intake.call('POST', `/cases/${a}/siblings`, { caseIds: ['00000000-0000-4000-8000-000000000000'] });
      expect([unknown.status, unknown.body['rule']]).toEqual([422, 'siblings-exist']);
    });

    it('adds a guardian and changes one with If-Match', async () => {
      const caseId = await register();
      const added = await intake.call('POST', `/cases/${caseId}/guardians`, {
        relationship: 'grandfather',
        name: { given: 'Иван', family: 'Примеров', script: 'cyrillic' },
        email: 'ivan@example.org',
        phone: '+7 495 123 45 67',
        postalAddress: 'Grozny',
        preferredLanguage: 'ru',
      });
      expect(added.status).toBe(201);
      const guardian = (added.body['personal'] as { guardians: Array<{ guardianId: string }> }).guardians[1]!;
      expect(added.headers.get('location')).toBe(`/cases/${caseId}/guardians/${guardian.guardianId}`);
      const path = `/cases/${caseId}/guardians/${guardian.guardianId}`;
      expect((await intake.call('PATCH', path, { email: 'ivan2@example.org' })).status).toBe(428);
      expect((await intake.call('PATCH', path, { email: 'ivan2@example.org' }, { ...USER, 'if-match': '"1"' })).status).toBe(412);
      const changed = await intake.call('PATCH', path, { email: 'ivan2@example.org', phone: null }, { ...USER, 'if-match': '"2"' });
      expect(changed.status).toBe(200);
      expect((changed.body['personal'] as { guardians: unknown[] }).guardians[1]).toEqual(expect.not.objectContaining({ phone: expect.anything() }));
      expect((await intake.call('PATCH', `/cases/${caseId}/guardians/00000000-0000-4000-8000-000000000000`, { email: 'x@example.org' }, { ...USER, 'if-match': '"3"' })).status).toBe(404);
    });

    it('withdraws a case with case.withdrawn.v2, its reason sealed at rest and on Kafka, then refuses every change (409) and changes nothing', async () => {
      const caseId = await register();
      const reason = 'Zarifa went home to her aunt Leyla in Mosul';
      const withdrawn = await intake.call('POST', `/cases/${caseId}/withdrawal`, { reason });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({ stage: 'withdrawn', withdrawal: { reason, by: 'case-worker-1' } });
      expect((await read(caseId)).body).toMatchObject({ withdrawal: { reason, by: 'case-worker-1' } });
      const before = await intake.settled();
      const published = intake.publishedOfType('case.withdrawn.v2').find((e) => e.subject === caseId);
      expect(published?.data).toMatchObject({ caseId, personal: { reason } });
      // The free text can name the child: nowhere in intake's database (state, commits, outbox) nor on Kafka outside the sealed part.
      const sealed = intake.sealedPublished.find((e) => e.type === 'case.withdrawn.v2' && e.subject === caseId)!;
      expect(sealed).toBeDefined();
      expect(JSON.stringify(sealed)).not.toMatch(/Zarifa|Leyla|Mosul/);
      const { reason: _none, ...outside } = sealed.data as Record<string, unknown>;
      expect(Object.keys(outside).sort()).toEqual(['caseId', 'personal', 'withdrawnAt']);
      const db = intake.service.context.connection.db!;
      for (const collection of await db.listCollections().toArray()) {
        const stored = JSON.stringify(await db.collection(collection.name).find({}).toArray());
        expect({ collection: collection.name, leaks: /Zarifa|Leyla|Mosul/.test(stored) }).toEqual({ collection: collection.name, leaks: false });
      }
      const version = (await read(caseId)).headers.get('etag')!;
      for (const [method, path, body] of [
        ['PATCH', `/cases/${caseId}`, { medicalNeeds: 'x' }],
        ['POST', `/cases/${caseId}/withdrawal`, { reason: 'again' }],
        ['POST', `/cases/${caseId}/guardians`, caseBody(P).guardians[0]],
      ] as const) {
        expect((await intake.call(method, path, body, { ...USER, 'if-match': version })).status).toBe(409);
      }
      expect(await intake.settled()).toBe(before);
      expect((await read(caseId)).headers.get('etag')).toBe(version);
    });
  });

  it('lists every route in /openapi.json', async () => {
    const doc = await intake.call<{ paths: Record<string, Record<string, unknown>> }>('GET', '/openapi.json');
    const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /programmes',
        'GET /programmes',
        'GET /programmes/{programmeId}',
        'POST /programmes/{programmeId}/suspension',
        'POST /programmes/{programmeId}/resumption',
        'POST /cases',
        'GET /cases',
        'GET /cases/{caseId}',
        'PATCH /cases/{caseId}',
        'POST /cases/{caseId}/siblings',
        'POST /cases/{caseId}/guardians',
        'PATCH /cases/{caseId}/guardians/{guardianId}',
        'POST /cases/{caseId}/withdrawal',
      ]),
    );
  });
});
