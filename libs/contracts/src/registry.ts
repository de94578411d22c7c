import type { EventDefinition } from './define-event';
import { CaseAssignedV1 } from './events/case-assigned.event';
import { CaseClearedV1 } from './events/case-cleared.event';
import { CaseRegisteredV1 } from './events/case-registered.event';
import { EmailSentV1 } from './events/email-sent.event';
import { LegalFileOpenedV1 } from './events/legal-file-opened.event';
import { MovementScheduledV1 } from './events/movement-scheduled.event';

/** Every published event type. The JSON Schemas and the AsyncAPI document are generated from this list. */
export const eventCatalog = [
  CaseRegisteredV1,
  LegalFileOpenedV1,
  CaseClearedV1,
  MovementScheduledV1,
  CaseAssignedV1,
  EmailSentV1,
] as const satisfies readonly EventDefinition[];

export type CatalogEvent = (typeof eventCatalog)[number];
export type EventType = CatalogEvent['type'];

const byType = new Map<string, EventDefinition>(eventCatalog.map((e) => [e.type, e]));

export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}
