import { EmailSentV1, type Milestone } from '@homeward/contracts';
import { PreconditionFailedError, TransientError } from '@homeward/errors';
import type { Causation } from '@homeward/messaging';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import type { Mailer } from '../mail/mailer';
import type { RenderedEmail } from '../domain/assigned-email';
import { DeliveryStatus, registerDeliveryModel, type DeliveryRecord } from '../store/delivery.model';

const CLAIM_MS = 60_000;

export interface DeliveryRequest {
  readonly caseId: string;
  readonly guardianId: string;
  readonly milestone: Milestone;
  readonly to: string;
  readonly email: RenderedEmail;
}

/**
 * Sends each (case, milestone, guardian) e-mail once, whatever Kafka
 * redelivers and whichever instance handles it: the delivery record is
 * claimed before the send (a unique id and a version-checked claim), and
 * marked sent, with its event, after the SMTP server accepted the message.
 */
export function createEmailDelivery(context: ServiceContext, mailer: Mailer) {
  const deliveries = new AggregateStore<DeliveryRecord>(registerDeliveryModel(context.connection));

  const claim = async (id: string, request: DeliveryRequest): Promise<number | undefined> => {
    const now = Date.now();
    const claimedUntil = new Date(now + CLAIM_MS).toISOString();
    const fresh: DeliveryRecord = {
      caseId: request.caseId,
      guardianId: request.guardianId,
      milestone: request.milestone,
      status: DeliveryStatus.sending,
      claimedUntil,
      attempts: 1,
      messageId: `<${id.replaceAll(':', '.')}@homeward.example>`,
    };
    if (await deliveries.create(id, fresh, [])) return 1;
    const existing = await deliveries.get(id, 'delivery');
    if (existing.status === DeliveryStatus.sent) return undefined;
    if (Date.parse(existing.claimedUntil) > now) {
      throw new TransientError(`delivery ${id} is being sent by another instance`);
    }
    // The previous claimant died mid-send; take over.
    const taken = await deliveries.update(id, existing.version, { claimedUntil, attempts: existing.attempts + 1 }, []);
    return taken.version;
  };

  return async function deliver(request: DeliveryRequest, causation: Causation): Promise<void> {
    const id = `${request.caseId}:${request.milestone}:${request.guardianId}`;
    let version: number | undefined;
    try {
      version = await claim(id, request);
    } catch (error) {
      if (error instanceof PreconditionFailedError) throw new TransientError(`delivery ${id} was claimed concurrently`);
      throw error;
    }
    if (version === undefined) return;
    const record = await deliveries.get(id, 'delivery');
    await mailer.send({ to: request.to, messageId: record.messageId, ...request.email });
    const sentAt = new Date().toISOString();
    const sent = context.events(
      EmailSentV1,
      { deliveryId: id, caseId: request.caseId, guardianId: request.guardianId, milestone: request.milestone, sentAt },
      causation,
    );
    await deliveries.update(id, record.version, { status: DeliveryStatus.sent, sentAt }, [sent]);
    context.published();
  };
}
