import type { EventEnvelope } from '@homeward/contracts';
import type { Privacy } from '@homeward/privacy';
import { on, type HandlerRegistration } from '@homeward/messaging';
import { ageBand } from '../domain/age-band';
import { caseReference } from '../domain/case-reference';
import { redactForLevelNone } from '../domain/redaction';
import { PersonalDataLevel, subscribableEvents, SubscriptionStatus, wants, type SubscriptionRecord } from '../domain/subscription';
import type { FeedStore } from '../store/feed.store';
import type { LocalCopyModels } from '../store/local-copy.model';
import type { SubscriptionModel } from '../store/subscription.model';
import { applyToLocalCopy, type EventFacts } from './local-copy.updater';

export interface FeedHandlerStores {
  readonly copies: LocalCopyModels;
  readonly subscriptions: SubscriptionModel;
  readonly feed: FeedStore;
  /** Seals the copy's birth date (kept only for the age band) with the child's key. */
  readonly privacy?: Privacy;
}

type Data = Record<string, unknown>;

/**
 * One handler per subscribable event type, on the feeds' own consumer group:
 * update the local copy, then append the event, redacted to each matching
 * subscription's level, to that subscription's feed. Paused subscriptions
 * keep receiving entries so that nothing is missing when they resume.
 */
export function feedHandlers(stores: FeedHandlerStores): HandlerRegistration[] {
  const handle = async (event: EventEnvelope<Data>) => {
    const facts = await applyToLocalCopy(stores.copies, event, stores.privacy);
    const candidates = await stores.subscriptions
      .find({ eventTypes: event.type, status: { $in: [SubscriptionStatus.active, SubscriptionStatus.paused] } })
      .lean<Array<SubscriptionRecord & { _id: string }>>();
    for (const subscription of candidates) {
      if (!wants(subscription, event.type, facts)) continue;
      const full = subscription.personalData === PersonalDataLevel.full;
      // A full entry about a child is sealed with the child's key (FeedStore): erasing the child shreds it too.
      const sealedFor = full && typeof event.data['caseId'] === 'string' ? event.data['caseId'] : undefined;
      await stores.feed.append(subscription._id, { eventId: event.id, type: event.type, time: event.time, data: dataFor(subscription, event, facts), ...(sealedFor ? { sealedFor } : {}) });
    }
    await facts.firstKnown?.();
  };
  return subscribableEvents.map((definition) => on(definition, (event) => handle(event as EventEnvelope<Data>)));
}

function dataFor(subscription: SubscriptionRecord, event: EventEnvelope<Data>, facts: EventFacts): Data {
  if (subscription.personalData === PersonalDataLevel.full) return event.data;
  const refOf = (caseId: string) => caseReference(subscription.pseudonymKey, caseId);
  return redactForLevelNone({
    type: event.type,
    data: event.data,
    programmeId: facts.programmeId,
    destinationState: facts.destinationState,
    refOf,
    viewOf: (caseId) => {
      const copy = facts.cases.get(caseId);
      return copy && { ref: refOf(caseId), ageBand: ageBand(copy.birthDate, event.time), sex: copy.sex, stage: copy.stage };
    },
  });
}
