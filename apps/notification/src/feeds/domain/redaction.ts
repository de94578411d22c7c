import type { AgeBand } from './age-band';
import type { CaseStage } from './case-stage';

/** What a `none` subscription may know of a child: never a name, date of birth, place or contact. */
export interface CaseView {
  readonly ref: string;
  readonly ageBand: AgeBand;
  readonly sex: string;
  readonly stage: CaseStage;
}

export interface RedactionInput {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly programmeId?: string | undefined;
  readonly destinationState?: string | undefined;
  /** The case as this subscription may see it; undefined for a case the feed never learnt of. */
  readonly viewOf: (caseId: string) => CaseView | undefined;
  readonly refOf: (caseId: string) => string;
}

/**
 * Fields of event data a `none` subscription receives as published: ids of
 * programmes, movements and holds, states, enumerated outcomes and counts.
 * Everything else is dropped, so a field added to a contract later stays
 * out of the feed until someone decides it is safe (an allow list, not a deny
 * list): names, birth dates, places, contacts, guardians, staff ids and
 * free-text reasons never pass.
 */
const SAFE_FIELDS: ReadonlySet<string> = new Set([
  'programmeId',
  'movementId',
  'holdId',
  'originState',
  'destinationState',
  'requirement',
  'decision',
  'role',
  'receiverKind',
  'milestone',
  'seats',
  'scheduledDeparture',
  'previousDeparture',
]);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/;
const isTimestampField = (key: string, value: unknown) => key.endsWith('At') && typeof value === 'string' && TIMESTAMP.test(value);

/** The event data for a subscription at personal-data level `none`. */
export function redactForLevelNone(input: RedactionInput): Record<string, unknown> {
  const { data } = input;
  const out: Record<string, unknown> = {};
  if (input.programmeId) out['programmeId'] = input.programmeId;
  if (input.destinationState) out['destinationState'] = input.destinationState;
  for (const [key, value] of Object.entries(data)) {
    if ((SAFE_FIELDS.has(key) && (typeof value === 'string' || typeof value === 'number')) || isTimestampField(key, value)) out[key] = value;
  }
  const flight = data['flight'] as { scheduledDeparture?: unknown } | undefined;
  if (typeof flight?.scheduledDeparture === 'string') out['scheduledDeparture'] = flight.scheduledDeparture;
  if (typeof data['caseId'] === 'string') out['case'] = input.viewOf(data['caseId']) ?? { ref: input.refOf(data['caseId']) };
  if (typeof data['survivorCaseId'] === 'string') out['survivorCaseRef'] = input.refOf(data['survivorCaseId']);
  for (const key of ['caseIds', 'releasedCaseIds']) {
    const ids = data[key];
    if (Array.isArray(ids)) out[key === 'caseIds' ? 'cases' : 'releasedCases'] = ids.map((id: string) => input.viewOf(id) ?? { ref: input.refOf(id) });
  }
  return out;
}
