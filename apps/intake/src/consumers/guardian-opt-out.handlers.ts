import { GuardianOptedOutV1 } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { on, type HandlerRegistration } from '@homeward/messaging';
import type { ServiceContext } from '@homeward/runtime';
import { CaseRepository } from '../store/case.repository';

/** The case worker sees, on the case, which guardians no longer get the milestone e-mails. */
export function guardianOptOutHandlers(context: ServiceContext): HandlerRegistration[] {
  const cases = new CaseRepository(context.connection);
  return [
    on(GuardianOptedOutV1, async ({ data }) => {
      if ((await cases.recordEmailOptOut(data.caseId, data.guardianId, data.optedOutAt)) === 'missing') {
        throw new TransientError(`case ${data.caseId} not found yet`);
      }
    }),
  ];
}
