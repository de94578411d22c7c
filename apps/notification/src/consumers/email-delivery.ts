import { EmailFailedV1, EmailSentV1 } from '@homeward/contracts';
import { isRetriable, PreconditionFailedError, TransientError } from '@homeward/errors';
import { backoffDelay, sleep, type Causation } from '@homeward/messaging';
import { AggregateStore, type PendingEvent, type Snapshot } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import type { MilestoneFacts } from '../domain/milestone-facts';
import { signUnsubscribeToken } from '../domain/unsubscribe-token';
import type { MailConfig } from '../mail/mail.config';
import type { MilestoneRenderer } from '../mail/milestone-email.renderer';
import type { Mailer } from '../mail/mailer';
import type { SentMailLookup } from '../mail/sent-mail-lookup';
import { DeliveryStatus, registerDeliveryModel, type DeliveryRecord } from '../store/delivery.model';
import type { GuardianContact } from '../store/guardian-contacts.model';
import { optOutId, registerOptOutModel } from '../store/opt-out.model';
import { deliveryId, messageIdOf, type DeliveryKey } from './delivery-key';

/** Long enough for one attempt (connect 5 s + socket 10 s) and the backoff before the next. */
const CLAIM_MS = 60_000;
const claimUntil = () => new Date(Date.now() + CLAIM_MS).toISOString();
const FINAL = new Set<string>([DeliveryStatus.sent, DeliveryStatus.failed, DeliveryStatus.suppressed]);
/** Attempts to record a sent e-mail (about a minute with the backoff) before leaving it to a takeover. */
const RECORD_ATTEMPTS = 15;

export interface DeliveryRequest extends Omit<DeliveryKey, 'guardianId'>, Pick<MilestoneFacts, 'childNames' | 'flight' | 'at'> {
  readonly guardian: GuardianContact;
}

export interface DeliveryDependencies {
  readonly mailer: Mailer;
  readonly render: MilestoneRenderer;
  readonly config: MailConfig;
  readonly sentMailLookup?: SentMailLookup;
}

/** Error text for the record and the event: never the guardian's address. */
const scrub = (error: unknown): string =>
  ((error as Error).message ?? String(error)).replace(/[^\s<>"']+@[^\s<>"']+/g, '[address]').slice(0, 500);

/**
 * Sends each (case, milestone, guardian) e-mail once, whatever Kafka
 * redelivers and whichever instance handles it. The delivery record (id =
 * the idempotency key) is claimed before the send; a live claim of another
 * instance makes this one wait (retriable), an expired one (its holder died)
 * is taken over. SMTP failures are retried in place with backoff; the last
 * one records the delivery as failed with notification.email-failed.v1.
 *
 * The crash window between SMTP's acceptance and our record cannot be closed
 * with SMTP: a takeover asks the sent-mail lookup where there is one (Mailpit
 * in development and tests) and otherwise sends again under the same
 * Message-ID, so at worst a recognisable duplicate, never a lost e-mail.
 */
export function createEmailDelivery(context: ServiceContext, deps: DeliveryDependencies) {
  const deliveries = new AggregateStore<DeliveryRecord>(registerDeliveryModel(context.connection));
  const optOuts = new AggregateStore(registerOptOutModel(context.connection));
  const { config, mailer } = deps;
  const domain = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM)?.[1] ?? 'homeward.example';

  /**
   * The record this instance may send, or undefined when there is nothing to
   * send (final already). A new record is created claimed, as attempt 1.
   */
  const claim = async (id: string, fresh: DeliveryRecord, sent: (at: string) => PendingEvent): Promise<Snapshot<DeliveryRecord> | undefined> => {
    if (await deliveries.create(id, fresh, [])) return { ...fresh, _id: id, version: 1 };
    const existing = await deliveries.get(id, 'delivery');
    if (FINAL.has(existing.status)) return undefined;
    if (Date.parse(existing.claimedUntil) > Date.now()) {
      throw new TransientError(`delivery ${id} is being sent by another instance`);
    }
    // The previous holder died after recording an attempt: the message may be out already.
    if (deps.sentMailLookup && (await deps.sentMailLookup(existing.messageId).catch(() => false))) {
      const sentAt = new Date().toISOString();
      await deliveries.update(id, existing.version, { status: DeliveryStatus.sent, sentAt }, [sent(sentAt)]);
      context.published();
      return undefined;
    }
    return deliveries.update(id, existing.version, { claimedUntil: claimUntil(), attempts: existing.attempts + 1 }, []);
  };

  const deliverOnce = async (request: DeliveryRequest, causation: Causation): Promise<void> => {
    const { caseId, milestone, occurrence, guardian } = request;
    const id = deliveryId({ caseId, milestone, ...(occurrence ? { occurrence } : {}), guardianId: guardian.guardianId });
    const base = {
      caseId,
      guardianId: guardian.guardianId,
      milestone,
      ...(occurrence ? { occurrence } : {}),
      messageId: messageIdOf(id, domain),
      language: guardian.preferredLanguage,
    };
    const now = () => new Date().toISOString();
    if (await optOuts.find(optOutId(caseId, guardian.guardianId))) {
      // Created only if no record exists: one already sent stays sent.
      await deliveries.create(id, { ...base, status: DeliveryStatus.suppressed, claimedUntil: now(), attempts: 0 }, []);
      return;
    }
    const sentEvent = (sentAt: string) =>
      context.events(EmailSentV1, { deliveryId: id, caseId, guardianId: guardian.guardianId, milestone, ...(occurrence ? { occurrence } : {}), sentAt }, causation);

    // Claimed as attempt 1 before the send: a takeover then knows the message may be out.
    let record = await claim(id, { ...base, status: DeliveryStatus.sending, claimedUntil: claimUntil(), attempts: 1 }, sentEvent);
    if (!record) return;
    const finish = async (set: Partial<DeliveryRecord>, event: PendingEvent) => {
      await deliveries.update(id, record!.version, set, [event]);
      context.published();
    };

    const unsubscribeUrl = `${config.NOTIFICATION_PUBLIC_URL.replace(/\/+$/, '')}/unsubscribe?token=${signUnsubscribeToken(config.UNSUBSCRIBE_KEY, { caseId, guardianId: guardian.guardianId })}`;
    const email = deps.render({
      milestone,
      language: guardian.preferredLanguage,
      guardianName: guardian.name,
      childNames: request.childNames,
      ...(request.flight ? { flight: request.flight } : {}),
      ...(request.at ? { at: request.at } : {}),
      unsubscribeUrl,
    });

    for (;;) {
      const attempt = record.attempts;
      try {
        await mailer.send({ to: guardian.email, messageId: record.messageId, unsubscribeUrl, milestone, ...email });
      } catch (error) {
        if (isRetriable(error) && attempt < config.MAIL_MAX_ATTEMPTS) {
          context.logger.warn({ deliveryId: id, attempt, err: scrub(error) }, 'e-mail not sent; retrying');
          await sleep(backoffDelay(attempt - 1, { initialMs: config.MAIL_RETRY_INITIAL_MS, maxMs: config.MAIL_RETRY_MAX_MS }));
          record = await deliveries.update(id, record.version, { attempts: attempt + 1, claimedUntil: claimUntil() }, []);
          continue;
        }
        const failedAt = now();
        const lastError = scrub(error);
        context.logger.error({ deliveryId: id, attempts: attempt, err: lastError }, 'e-mail could not be sent; recorded as failed');
        return await finish(
          { status: DeliveryStatus.failed, failedAt, lastError },
          context.events(
            EmailFailedV1,
            { deliveryId: id, caseId, guardianId: guardian.guardianId, milestone, ...(occurrence ? { occurrence } : {}), attempts: attempt, error: lastError, failedAt },
            causation,
          ),
        );
      }
      // Out: from here on only the record may be retried, never the send
      // (a database outage now must not look like an SMTP failure).
      const sentAt = now();
      return await recordSent(id, record, { status: DeliveryStatus.sent, sentAt, language: email.language }, sentEvent(sentAt));
    }
  };

  /**
   * Records a sent e-mail, outlasting a database outage of a minute or so:
   * when an attempt's answer was lost, the record read back tells whether it
   * was written. Giving up leaves the claim to expire; the takeover then asks
   * the sent-mail lookup before anything is sent again.
   */
  const recordSent = async (id: string, claimed: Snapshot<DeliveryRecord>, set: Partial<DeliveryRecord>, event: PendingEvent): Promise<void> => {
    let current = claimed;
    for (let attempt = 1; ; attempt++) {
      try {
        await deliveries.update(id, current.version, set, [event]);
        context.published();
        return;
      } catch (error) {
        if (attempt >= RECORD_ATTEMPTS) throw error;
        context.logger.warn({ deliveryId: id, attempt, err: scrub(error) }, 'e-mail sent but not yet recorded; retrying the record');
        await sleep(backoffDelay(attempt - 1, { initialMs: 200, maxMs: 5_000 }));
        const now = await deliveries.find(id).catch(() => undefined);
        if (now && FINAL.has(now.status)) return;
        if (now) current = now;
      }
    }
  };

  return async function deliver(request: DeliveryRequest, causation: Causation): Promise<void> {
    try {
      await deliverOnce(request, causation);
    } catch (error) {
      // Another instance moved the record on (took over an expired claim):
      // try again later, when it will be final or claimable.
      if (error instanceof PreconditionFailedError) throw new TransientError(`delivery of ${request.milestone} for case ${request.caseId} changed concurrently`);
      throw error;
    }
  };
}

export type EmailDelivery = ReturnType<typeof createEmailDelivery>;
