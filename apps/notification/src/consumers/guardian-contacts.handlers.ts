import { CaseRegisteredV1, CaseUpdatedV1, Milestone } from '@homeward/contracts';
import { on, type HandlerRegistration } from '@homeward/messaging';
import { contactOf } from '../store/guardian-contacts.model';
import type { GuardianNotifier } from './guardian-notifier';

/**
 * Keeps the local copy of whom to write to, and confirms each guardian's
 * contact with the "registered" e-mail: at registration, and for a guardian
 * added later by an update (the others already have theirs: same key).
 */
export function guardianContactsHandlers({ contacts, notify }: GuardianNotifier): HandlerRegistration[] {
  return [
    on(CaseRegisteredV1, async (event) => {
      const { caseId, programmeId, personal } = event.data;
      await contacts.create(caseId, { programmeId, childNames: personal.names, guardians: personal.guardians.map(contactOf) }, [], event.id);
      await notify(caseId, Milestone.registered, {}, event);
    }),
    on(CaseUpdatedV1, async (event) => {
      const { caseId, programmeId, personal } = event.data;
      const state = { programmeId, childNames: personal.names, guardians: personal.guardians.map(contactOf) };
      if ((await contacts.applyOnce(caseId, event.id, state, [])) === 'missing') await contacts.create(caseId, state, [], event.id);
      await notify(caseId, Milestone.registered, {}, event);
    }),
  ];
}
