import { CaseClearedV1, CaseRegisteredV1 } from '@homeward/contracts';
import { mailpitMessage, mailpitMessagesTo } from '@homeward/testing';
import { signUnsubscribeToken } from '../domain/unsubscribe-token';
import { EventsUnderTest, newDeployment, NotificationUnderTest, registeredCase } from '../test-support/notification.test-kit';

describe('the unsubscribe link (real Kafka, MongoDB-wire server and Mailpit)', () => {
  const deployment = newDeployment();
  const notification = new NotificationUnderTest(deployment);
  const events = new EventsUnderTest(deployment);

  beforeAll(async () => {
    await notification.start();
    await events.start();
  });
  afterAll(async () => {
    await events.stop();
    await notification.service.context.connection.dropDatabase();
    await notification.stop();
  });

  it("stops one guardian's e-mails about one case, which the case worker sees", async () => {
    const child = registeredCase([{ language: 'ar' }, { language: 'en' }]);
    const [leaving, staying] = child.guardians;
    await events.produce(CaseRegisteredV1, child.data);
    const [welcome] = await events.eventually(async () => {
      const found = await mailpitMessagesTo(leaving!.email);
      expect(found).toHaveLength(1);
      return found;
    });
    const message = await mailpitMessage(welcome!.ID);
    const link = /https:\/\/notification\.homeward\.example(\/unsubscribe\?token=[A-Za-z0-9._-]+)/.exec(message.Text)![1]!;

    // GET only asks: mail scanners follow links.
    const page = await notification.call('GET', link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="ar" dir="rtl">');
    expect(page.text).toContain('<form method="post"');
    expect((await notification.call('GET', `/cases/${child.caseId}/guardians`)).body['guardians']).toEqual([
      { guardianId: leaving!.guardianId, preferredLanguage: 'ar', optedOut: false },
      { guardianId: staying!.guardianId, preferredLanguage: 'en', optedOut: false },
    ]);

    const confirmed = await notification.call('POST', link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('لن تصلكم بعد الآن رسائل');
    expect((await notification.call('POST', link)).status).toBe(200);
    const [optedOut] = await events.eventually(() => {
      const found = events.ofType('notification.guardian-opted-out.v1');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(optedOut!.data).toMatchObject({ caseId: child.caseId, guardianId: leaving!.guardianId });

    await events.produce(CaseClearedV1, { caseId: child.caseId, programmeId: 'iq-ru-2019', destinationState: 'RU', clearedAt: '2019-07-01T14:30:00Z', approvedBy: ['l', 's'] });
    const deliveries = await events.eventually(async () => {
      const found = await notification.deliveries(child.caseId);
      expect(found.filter((d) => d['milestone'] === 'cleared')).toHaveLength(2);
      expect(found.every((d) => d['status'] !== 'sending')).toBe(true);
      return found;
    });
    expect(deliveries.find((d) => d['milestone'] === 'cleared' && d['guardianId'] === leaving!.guardianId)).toMatchObject({ status: 'suppressed', attempts: 0 });
    expect(deliveries.find((d) => d['milestone'] === 'cleared' && d['guardianId'] === staying!.guardianId)).toMatchObject({ status: 'sent' });
    expect(await mailpitMessagesTo(leaving!.email)).toHaveLength(1);
    await events.eventually(async () => expect(await mailpitMessagesTo(staying!.email)).toHaveLength(2));
    const guardians = (await notification.call('GET', `/cases/${child.caseId}/guardians`)).body['guardians'] as Array<Record<string, unknown>>;
    expect(guardians[0]).toMatchObject({ guardianId: leaving!.guardianId, optedOut: true, optedOutAt: expect.any(String) });
    expect(guardians[1]).toMatchObject({ optedOut: false });
  });

  it('refuses a malformed token (400, naming it) and a forged one (403), and changes nothing', async () => {
    const child = registeredCase([{ language: 'de' }]);
    const guardianId = child.guardians[0]!.guardianId;
    for (const method of ['GET', 'POST']) {
      const malformed = await notification.call(method, '/unsubscribe?token=not-a-token');
      expect(malformed.status).toBe(400);
      expect(malformed.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(malformed.body)).toContain('query.token');
      expect((await notification.call(method, '/unsubscribe')).status).toBe(400);

      const forged = await notification.call(method, `/unsubscribe?token=${signUnsubscribeToken('a-key-that-is-not-the-services-own-key', { caseId: child.caseId, guardianId })}`);
      expect(forged.status).toBe(403);
      expect(forged.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await notification.service.context.connection.collection('opt_outs').countDocuments({ caseId: child.caseId })).toBe(0);
  });
});
