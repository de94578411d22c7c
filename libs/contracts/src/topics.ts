/** Kafka topics, one per publishing service and major version (DESIGN "Architecture"). */
export const Topic = {
  intake: 'homeward.intake.v1',
  legal: 'homeward.legal.v1',
  logistics: 'homeward.logistics.v1',
  notification: 'homeward.notification.v1',
} as const;
export type Topic = (typeof Topic)[keyof typeof Topic];

/** Where a service puts the messages it can never process. */
export const deadLetterTopic = (service: string): string => `homeward.${service}.dlq.v1`;
