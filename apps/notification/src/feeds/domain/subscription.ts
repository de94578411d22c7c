import { eventCatalog, Topic } from '@homeward/contracts';
import { ForbiddenError, RuleViolationError } from '@homeward/errors';

export const PersonalDataLevel = { none: 'none', full: 'full' } as const;
export type PersonalDataLevel = (typeof PersonalDataLevel)[keyof typeof PersonalDataLevel];

export const SubscriptionStatus = { active: 'active', paused: 'paused', deleted: 'deleted' } as const;
export type SubscriptionStatus = (typeof SubscriptionStatus)[keyof typeof SubscriptionStatus];

export const DeliveryKind = { webhook: 'webhook', pull: 'pull' } as const;
export type DeliveryKind = (typeof DeliveryKind)[keyof typeof DeliveryKind];

/**
 * The event types an agency may subscribe to: every published type about
 * programmes, cases and movements. The feeds' own subscription events are
 * about other agencies and stay out.
 */
export const subscribableEvents = eventCatalog.filter((def) => def.keyedBy !== 'subscription');
export const subscribableTypes = subscribableEvents.map((def) => def.type) as [string, ...string[]];
export const feedTopics = [...new Set(subscribableEvents.map((def) => def.topic))] satisfies Topic[];

export interface SubscriptionRecord {
  agency: string;
  eventTypes: string[];
  /** Programmes whose events the agency receives; empty = every programme. */
  programmes: string[];
  /** Destination states whose events the agency receives; empty = every state. */
  destinationStates: string[];
  personalData: PersonalDataLevel;
  delivery: DeliveryKind;
  webhookUrl?: string | undefined;
  /** `whsec_<base64>`: shown once at creation, kept to sign every delivery. */
  webhookSecret?: string | undefined;
  /** The secret before the last rotation, still signing beside the new one until `previousWebhookSecretUntil`. */
  previousWebhookSecret?: string | undefined;
  previousWebhookSecretUntil?: string | undefined;
  /** Key of the subscription's pseudonymous case references (see case-reference.ts). */
  pseudonymKey: string;
  status: SubscriptionStatus;
  pausedCause?: string | undefined;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Who may manage subscriptions and who may read a pull feed (DESIGN "Privacy and security"). */
export const FeedRole = { admin: 'admin', agencyObserver: 'agency-observer' } as const;

export function requireRole(roles: readonly string[], allowed: readonly string[], what: string): void {
  if (!roles.some((r) => allowed.includes(r))) {
    throw new ForbiddenError(`${what} needs the role ${allowed.join(' or ')}`, { requiredRoles: [...allowed] });
  }
}

/** Rule `full-data-entitlement`: personal data only for agencies on the entitlement list. */
export function checkEntitlement(agency: string, level: PersonalDataLevel, entitled: readonly string[]): void {
  if (level === PersonalDataLevel.full && !entitled.includes(agency)) {
    throw new RuleViolationError(
      'full-data-entitlement',
      `agency ${agency} is not entitled to personal data (level full); only agencies on the entitlement list (FEEDS_FULL_DATA_AGENCIES) are, so choose level none`,
    );
  }
}

/** The filter of a subscription: the event's type, and its programme and destination state where the subscription names some. */
export function wants(subscription: Pick<SubscriptionRecord, 'eventTypes' | 'programmes' | 'destinationStates'>, type: string, scope: EventScope): boolean {
  if (!subscription.eventTypes.includes(type)) return false;
  if (subscription.programmes.length > 0 && !(scope.programmeId && subscription.programmes.includes(scope.programmeId))) return false;
  if (subscription.destinationStates.length > 0 && !(scope.destinationState && subscription.destinationStates.includes(scope.destinationState))) return false;
  return true;
}

export interface EventScope {
  readonly programmeId?: string | undefined;
  readonly destinationState?: string | undefined;
}

/** The secrets a delivery is signed with now: the current one, and the previous one while the rotation's overlap lasts. */
export function signingSecrets(subscription: Pick<SubscriptionRecord, 'webhookSecret' | 'previousWebhookSecret' | 'previousWebhookSecretUntil'>, now: Date): string[] {
  const previous = subscription.previousWebhookSecret && subscription.previousWebhookSecretUntil && Date.parse(subscription.previousWebhookSecretUntil) > now.getTime();
  return [...(subscription.webhookSecret ? [subscription.webhookSecret] : []), ...(previous ? [subscription.previousWebhookSecret!] : [])];
}
