import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { CaseAssignedV1, CaseClearedV1, CaseHoldPlacedV1, CaseRegisteredV1 } from '@homeward/contracts';
import { AggregateStore } from '@homeward/persistence';
import { freePort, mailpitMessagesTo, testServers } from '@homeward/testing';
import { DeliveryStatus, registerDeliveryModel, type DeliveryRecord } from '../store/delivery.model';
import { startRejectingMailpit } from '../test-support/rejecting-mailpit';
import { EventsUnderTest, newDeployment, NotificationUnderTest, registeredCase } from '../test-support/notification.test-kit';
import { deliveryId, messageIdOf } from './delivery-key';

const flight = { operator: 'Emergencies Ministry', flightNumber: 'EMR-2', departureAirport: 'BGW', arrivalAirport: 'ZIA', scheduledDeparture: '2019-07-10T05:00:00Z' } as const;
const cleared = (caseId: string) => ({ caseId, programmeId: 'iq-ru-2019', destinationState: 'RU', clearedAt: '2019-07-01T14:30:00Z', approvedBy: ['l', 's'] });

describe('exactly one e-mail per (case, milestone, guardian)', () => {
  describe('with two instances that both handle every event', () => {
    const deployment = newDeployment();
    // Two consumer groups on one database: each instance gets every message, the worst case of a rebalance.
    const first = new NotificationUnderTest(deployment, {}, `${deployment.prefix}-a`);
    const second = new NotificationUnderTest(deployment, {}, `${deployment.prefix}-b`);
    const events = new EventsUnderTest(deployment);

    beforeAll(async () => {
      await first.start();
      await second.start();
      await events.start();
    });
    afterAll(async () => {
      await events.stop();
      await second.stop();
      await first.service.context.connection.dropDatabase();
      await first.stop();
    });

    it('sends each milestone once, redelivered or not', async () => {
      const children = [registeredCase([{ language: 'tr' }]), registeredCase([{ language: 'en' }]), registeredCase([{ language: 'fr' }])];
      for (const child of children) {
        await events.produce(CaseRegisteredV1, child.data, 2);
        await events.produce(CaseClearedV1, cleared(child.caseId), 2);
        await events.produce(CaseClearedV1, cleared(child.caseId));
        await events.produce(CaseAssignedV1, { caseId: child.caseId, movementId: randomUUID(), seat: 1, flight, assignedAt: '2019-07-03T10:00:00Z' }, 2);
      }
      for (const child of children) {
        await events.eventually(async () => expect((await first.deliveries(child.caseId)).filter((d) => d['status'] === 'sent')).toHaveLength(3));
      }
      // Both groups have processed every event (and the programme's), so nothing is still on its way to Mailpit.
      for (const instance of [first, second]) {
        await events.eventually(async () =>
          expect(await instance.service.context.connection.collection('processed_events').countDocuments({ group: instance.groupId })).toBe(children.length * 4 + 1),
        );
      }
      for (const child of children) {
        await events.eventually(async () => expect(await mailpitMessagesTo(child.guardians[0]!.email)).toHaveLength(3));
        expect((await second.deliveries(child.caseId)).map((d) => d['attempts'])).toEqual([1, 1, 1]);
      }
    });
  });

  describe('after a crash between the send and its record', () => {
    const deployment = newDeployment();
    const notification = new NotificationUnderTest(deployment, { SENT_MAIL_LOOKUP_URL: testServers.mailpitUrl });
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

    it('does not send again what the SMTP server already accepted, and sends what it never got', async () => {
      const child = registeredCase([{ language: 'en' }]);
      const guardian = child.guardians[0]!;
      const deliveries = new AggregateStore<DeliveryRecord>(registerDeliveryModel(notification.service.context.connection));
      // What a dead instance left behind: claims expired, one message accepted by SMTP but not recorded, one never sent.
      const crashed = async (milestone: 'cleared' | 'on-hold', occurrence?: string) => {
        const id = deliveryId({ caseId: child.caseId, milestone, ...(occurrence ? { occurrence } : {}), guardianId: guardian.guardianId });
        const record = {
          caseId: child.caseId,
          guardianId: guardian.guardianId,
          milestone,
          ...(occurrence ? { occurrence } : {}),
          status: DeliveryStatus.sending,
          claimedUntil: '2019-01-01T00:00:00Z',
          attempts: 1,
          messageId: messageIdOf(id, 'homeward.example'),
        };
        await deliveries.create(id, record, []);
        return record;
      };
      const accepted = await crashed('cleared');
      const holdId = randomUUID();
      await crashed('on-hold', holdId);
      const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: testServers.smtpPort });
      await smtp.sendMail({ from: 'no-reply@homeward.example', to: guardian.email, subject: 'accepted before the crash', text: 'x', messageId: accepted.messageId });
      smtp.close();

      await events.produce(CaseRegisteredV1, child.data);
      await events.produce(CaseClearedV1, cleared(child.caseId));
      await events.produce(CaseHoldPlacedV1, { caseId: child.caseId, holdId, category: 'medical', reason: 'Assessment', placedBy: 'l', placedAt: '2019-07-02T09:00:00Z' });

      const found = await events.eventually(async () => {
        const all = await notification.deliveries(child.caseId);
        expect(all.filter((d) => d['status'] === 'sent')).toHaveLength(3);
        return all;
      });
      expect(Object.fromEntries(found.map((d) => [d['milestone'], d['attempts']]))).toEqual({ registered: 1, cleared: 1, 'on-hold': 2 });
      await events.eventually(async () => expect((await mailpitMessagesTo(guardian.email)).map((m) => m.Subject).sort()).toEqual(['Testovaya is registered with the return programme', 'The return of Testovaya will take longer', 'accepted before the crash']));
    });
  });

  describe('when the SMTP server cannot be reached', () => {
    const deployment = newDeployment();
    let notification: NotificationUnderTest;
    const events = new EventsUnderTest(deployment);
    beforeAll(async () => {
      // A port nothing listens on: every connection is refused, a real SMTP failure.
      notification = new NotificationUnderTest(deployment, { SMTP_PORT: String(await freePort()), MAIL_MAX_ATTEMPTS: '3', MAIL_RETRY_INITIAL_MS: '50', MAIL_RETRY_MAX_MS: '200' });
      await notification.start();
      await events.start();
    });
    afterAll(async () => {
      await events.stop();
      await notification.service.context.connection.dropDatabase();
      await notification.stop();
    });

    it('retries with backoff, then records the e-mail as failed with notification.email-failed.v1', async () => {
      const child = registeredCase([{ language: 'ru' }]);
      const guardian = child.guardians[0]!;
      await events.produce(CaseRegisteredV1, child.data);
      const [failed] = await events.eventually(async () => {
        const all = await notification.deliveries(child.caseId);
        expect(all).toEqual([expect.objectContaining({ milestone: 'registered', status: 'failed', attempts: 3 })]);
        return all;
      });
      expect(failed!['lastError']).toMatch(/ECONNREFUSED/);
      const [event] = await events.eventually(() => {
        const found = events.ofType('notification.email-failed.v1');
        expect(found).toHaveLength(1);
        return found;
      });
      expect(event!.data).toMatchObject({ caseId: child.caseId, guardianId: guardian.guardianId, milestone: 'registered', attempts: 3 });
      expect(JSON.stringify(event)).not.toContain(guardian.email);

      // A redelivery does not start the series again: failed is final.
      await events.produce(CaseRegisteredV1, child.data);
      await events.eventually(async () => expect(await notification.service.context.connection.collection('processed_events').countDocuments({ group: notification.groupId })).toBe(2));
      expect((await notification.deliveries(child.caseId))[0]).toMatchObject({ status: 'failed', attempts: 3 });
      expect(await mailpitMessagesTo(guardian.email)).toHaveLength(0);
    });
  });

  describe('when the SMTP server rejects the recipient for good', () => {
    const deployment = newDeployment();
    let notification: NotificationUnderTest;
    let mailpit: Awaited<ReturnType<typeof startRejectingMailpit>>;
    const events = new EventsUnderTest(deployment);
    beforeAll(async () => {
      mailpit = await startRejectingMailpit('only.this.one@example.org');
      notification = new NotificationUnderTest(deployment, { SMTP_PORT: String(mailpit.smtpPort), MAIL_MAX_ATTEMPTS: '5', MAIL_RETRY_INITIAL_MS: '50' });
      await notification.start();
      await events.start();
    });
    afterAll(async () => {
      await events.stop();
      await notification.service.context.connection.dropDatabase();
      await notification.stop();
      await mailpit.stop();
    });

    it('does not retry a 5xx reply: failed after one attempt, with its event', async () => {
      const child = registeredCase([{ language: 'fi' }]);
      await events.produce(CaseRegisteredV1, child.data);
      const [failed] = await events.eventually(async () => {
        const all = await notification.deliveries(child.caseId);
        expect(all).toEqual([expect.objectContaining({ milestone: 'registered', status: 'failed', attempts: 1 })]);
        return all;
      });
      expect(failed!['lastError']).toMatch(/\b5\d\d\b/);
      expect(JSON.stringify(failed)).not.toContain(child.guardians[0]!.email);
      await events.eventually(() => expect(events.ofType('notification.email-failed.v1').map((e) => e.data)).toEqual([expect.objectContaining({ caseId: child.caseId, attempts: 1 })]));
    });
  });
});
