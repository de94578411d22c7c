/**
 * One thing the dashboard learned about a case from an event. `eventId`
 * makes recording it idempotent; `at` is when the event says it happened.
 * Nothing personal: the dashboard keeps no names, birth dates or contacts.
 */
export type CaseFact = { readonly eventId: string; readonly at: string } & (
  | { readonly kind: 'registered' | 'legal-file-opened' | 'cleared' | 'rejected' | 'withdrawn' | 'merged' }
  | { readonly kind: 'hold-placed'; readonly holdId: string; readonly category: string }
  | { readonly kind: 'hold-lifted'; readonly holdId: string }
  | {
      readonly kind: 'assigned' | 'unassigned' | 'boarded' | 'boarding-missed' | 'arrived' | 'handed-over';
      readonly movementId: string;
    }
  | { readonly kind: 'email-sent' | 'email-failed'; readonly milestone: string }
);
export type CaseFactKind = CaseFact['kind'];
