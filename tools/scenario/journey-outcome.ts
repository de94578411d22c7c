import { Step, caseIdOf, type ChildJourney } from './child-journey';
import type { HomewardApis } from './homeward-apis';

/**
 * One look at where every service has the child after the handover: the
 * guardians' e-mails sent (notification), the case `closed` (intake), the
 * file still `cleared` (legal), the passenger `handed-over` on this group's
 * movement (logistics). Marks what it sees; returns what is still missing,
 * or undefined when all four agree.
 */
export async function lookAtOutcome(apis: HomewardApis, journey: ChildJourney, movementId: string): Promise<string | undefined> {
  const caseId = caseIdOf(journey);
  const missing: string[] = [];
  const expected = journey.child.registration.guardians.length;
  const checks: Promise<void>[] = [];
  if (!journey.reached.has(Step.emailsSent)) {
    checks.push(
      apis.getDeliveries(caseId).then((deliveries) => {
        const assigned = deliveries.filter((d) => d.milestone === 'assigned');
        journey.emailsSent = assigned.filter((d) => d.status === 'sent').length;
        if (assigned.length > expected) throw new Error(`${assigned.length} assigned-milestone deliveries for ${expected} guardian(s)`);
        if (journey.emailsSent === expected) journey.reached.add(Step.emailsSent);
        else missing.push(`${journey.emailsSent}/${expected} e-mails sent (${assigned.map((d) => d.status).join(', ') || 'no delivery yet'})`);
      }),
    );
  }
  if (!journey.reached.has(Step.intakeClosed)) {
    checks.push(
      apis.getCase(caseId).then(({ stage }) => {
        if (stage === 'closed') journey.reached.add(Step.intakeClosed);
        else missing.push(`intake stage is '${stage}'`);
      }),
    );
  }
  if (!journey.reached.has(Step.legalCleared)) {
    checks.push(
      apis.getLegalFile(caseId).then(({ status }) => {
        if (status === 'cleared') journey.reached.add(Step.legalCleared);
        else missing.push(`legal file is '${status}'`);
      }),
    );
  }
  if (!journey.reached.has(Step.logisticsHandedOver)) {
    checks.push(
      apis.getLogisticsCase(caseId).then((seen) => {
        if (seen.passengerStatus === 'handed-over' && seen.movementId === movementId) journey.reached.add(Step.logisticsHandedOver);
        else missing.push(`logistics shows passenger '${seen.passengerStatus}' on movement ${seen.movementId}`);
      }),
    );
  }
  await Promise.all(checks);
  return missing.length > 0 ? missing.join('; ') : undefined;
}
