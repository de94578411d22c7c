import { z } from 'zod';
import { CaseId, GuardianId, LanguageSchema, MilestoneSchema, Timestamp } from '@homeward/contracts';
import type { ServiceContext } from '@homeward/runtime';
import type { ApiRouter } from '@homeward/http';
import { DeliveryStatus, registerDeliveryModel } from '../store/delivery.model';
import { registerGuardianContactsModel } from '../store/guardian-contacts.model';
import { registerOptOutModel } from '../store/opt-out.model';
import { notificationAgency } from './notification-agency';

const CaseIdParams = z.object({ caseId: CaseId }).strict();

const Delivery = z.object({
  deliveryId: z.string().describe('Idempotency key: case, milestone (occurrence) and guardian.'),
  caseId: CaseId,
  guardianId: GuardianId,
  milestone: MilestoneSchema,
  occurrence: z.string().optional().describe('Which occurrence of a recurring milestone: the movement, the new departure, the hold.'),
  status: z.enum(DeliveryStatus).describe('sending; sent (accepted by SMTP); failed (after retries); suppressed (the guardian opted out).'),
  attempts: z.number().int().describe('Send attempts so far.'),
  language: z.string().optional().describe('Language the e-mail was written in.'),
  sentAt: Timestamp.optional().describe('When the SMTP server accepted it.'),
  failedAt: Timestamp.optional().describe('When it was given up.'),
  lastError: z.string().optional().describe('Why the last attempt failed (no addresses).'),
});
const Deliveries = z.object({ caseId: CaseId, deliveries: z.array(Delivery) });

const Guardian = z.object({
  guardianId: GuardianId,
  preferredLanguage: LanguageSchema,
  optedOut: z.boolean().describe('The guardian followed the unsubscribe link: no further e-mails.'),
  optedOutAt: Timestamp.optional(),
});
const Guardians = z.object({ caseId: CaseId, guardians: z.array(Guardian) });

const tags = ['deliveries'];

/** What the case worker sees: every e-mail about a case and its fate, and which guardians opted out. */
export function deliveryRoutes(api: ApiRouter, context: ServiceContext): void {
  const deliveries = registerDeliveryModel(context.connection);
  const contacts = registerGuardianContactsModel(context.connection);
  const optOuts = registerOptOutModel(context.connection);
  const agency = notificationAgency(context);

  api.get(
    '/cases/:caseId/deliveries',
    { permission: 'delivery:read', scope: agency.case, summary: "The guardians' e-mails about a case and whether each was sent, failed or suppressed", tags, params: CaseIdParams, responses: { 200: Deliveries } },
    async ({ params }, _req, res) => {
      const found = await deliveries
        .find({ caseId: params.caseId }, { caseId: 1, guardianId: 1, milestone: 1, occurrence: 1, status: 1, attempts: 1, language: 1, sentAt: 1, failedAt: 1, lastError: 1 })
        .sort({ _id: 1 })
        .lean();
      res.json({ caseId: params.caseId, deliveries: found.map(({ _id, ...d }) => ({ deliveryId: _id, ...d })) });
    },
  );

  api.get(
    '/cases/:caseId/guardians',
    { permission: 'delivery:read', scope: agency.case, summary: 'The guardians notification writes to about a case, and who opted out (no names or addresses)', tags, params: CaseIdParams, responses: { 200: Guardians } },
    async ({ params }, _req, res) => {
      const [known, opted] = await Promise.all([
        contacts.findOne({ _id: params.caseId }, { guardians: 1 }).lean(),
        optOuts.find({ caseId: params.caseId }, { guardianId: 1, optedOutAt: 1 }).lean(),
      ]);
      const optedOutAt = new Map(opted.map((o) => [o.guardianId, o.optedOutAt]));
      res.json({
        caseId: params.caseId,
        guardians: (known?.guardians ?? []).map((g) => ({
          guardianId: g.guardianId,
          preferredLanguage: g.preferredLanguage,
          optedOut: optedOutAt.has(g.guardianId),
          ...(optedOutAt.has(g.guardianId) ? { optedOutAt: optedOutAt.get(g.guardianId) } : {}),
        })),
      });
    },
  );
}
