import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Topic } from '../topics';
import { Timestamp } from '../common';
import { CasePersonal, CaseSnapshot } from '../case-snapshot';

export { RegisteredGuardian } from '../case-snapshot';
/** @deprecated name kept for existing imports; the personal part of every case snapshot. */
export const CaseRegisteredPersonal = CasePersonal;

export const CaseRegisteredV1Data = CaseSnapshot.extend({
  registeredAt: Timestamp,
  importReference: z.string().min(1).max(200).optional().describe("The source list's own row reference, for imported cases."),
}).strict();
export type CaseRegisteredV1Data = z.infer<typeof CaseRegisteredV1Data>;

export const CaseRegisteredV1 = defineEvent({
  type: 'case.registered.v1',
  topic: Topic.intake,
  keyedBy: 'case',
  summary: 'A child case was registered by intake.',
  schema: CaseRegisteredV1Data,
});
