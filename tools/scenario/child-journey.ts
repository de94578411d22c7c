import { ApiError, isApiFailure } from './api-client';
import type { HomewardApis } from './homeward-apis';
import { DeadlineExceededError, notYet, pollUntil, reached, withRetry } from './retry';
import type { SeedChild } from './seed-children';
import { APPROVER } from './seed-groups';

/** The steps one child goes through in the scenario, in order. */
export const Step = {
  registered: 'registered',
  legalFileOpened: 'legalFileOpened',
  cleared: 'cleared',
  assigned: 'assigned',
  onManifest: 'onManifest',
  emailsSent: 'emailsSent',
  intakeAssigned: 'intakeAssigned',
} as const;
export type Step = (typeof Step)[keyof typeof Step];

/** Where one child has got to; `failure` holds the first thing that went wrong, after which the child takes no further step. */
export interface ChildJourney {
  readonly child: SeedChild;
  caseId?: string;
  seat?: number;
  readonly reached: Set<Step>;
  /** Assigned-milestone e-mails the notification service reports as sent for this case. */
  emailsSent: number;
  failure?: string;
}

export const startJourney = (child: SeedChild): ChildJourney => ({ child, reached: new Set(), emailsSent: 0 });

/** Retries seen while seating children, reported in the summary. */
export interface AssignmentRetries {
  /** 422 `case-cleared`: logistics had not yet consumed the clearance event. */
  caseNotYetCleared: number;
  /** 412: another assignment to the same movement committed first (optimistic concurrency). */
  versionConflict: number;
}

export interface JourneyTimeouts {
  /** How long legal may take to open the file after registration. */
  readonly legalFileMs: number;
  /** How long logistics may take to learn of the clearance (and concurrent assignments to settle). */
  readonly assignmentMs: number;
}

const caseIdOf = (journey: ChildJourney): string => {
  if (!journey.caseId) throw new Error(`${journey.child.ref} has no case id`);
  return journey.caseId;
};

/** The steps that act on one child; each throws with a message saying what failed. */
export function journeySteps(apis: HomewardApis, timeouts: JourneyTimeouts) {
  return {
    async register(journey: ChildJourney): Promise<void> {
      // Not retried: a lost answer may hide a created case, and a second POST would register the child twice.
      const { caseId } = await apis.registerCase(journey.child.registration);
      journey.caseId = caseId;
    },

    async awaitLegalFile(journey: ChildJourney): Promise<void> {
      const caseId = caseIdOf(journey);
      await pollUntil(
        `legal file of ${caseId}`,
        async () => {
          try {
            return reached(await apis.getLegalFile(caseId));
          } catch (error) {
            if (isApiFailure(error, 404)) return notYet('404, legal has not opened it');
            throw error;
          }
        },
        { timeoutMs: timeouts.legalFileMs },
      );
    },

    async approveClearance(journey: ChildJourney): Promise<void> {
      const caseId = caseIdOf(journey);
      try {
        await apis.approveClearance(caseId, APPROVER);
      } catch (error) {
        // 409: already cleared (a retried run); anything else is a failure.
        if (!isApiFailure(error, 409) || (await apis.getLegalFile(caseId)).status !== 'cleared') throw error;
      }
    },

    async assignSeat(journey: ChildJourney, movementId: string, retries: AssignmentRetries): Promise<void> {
      const caseId = caseIdOf(journey);
      const attempt = async () => {
        try {
          return (await apis.assignCase(movementId, caseId)).seat;
        } catch (error) {
          if (isApiFailure(error, 422, 'case-cleared')) retries.caseNotYetCleared++;
          if (isApiFailure(error, 412)) retries.versionConflict++;
          // 409: the case already has a seat (an earlier attempt whose answer was lost).
          if (isApiFailure(error, 409)) {
            const seated = (await apis.getMovement(movementId)).assigned.find((s) => s.caseId === caseId);
            if (seated) return seated.seat;
          }
          throw error;
        }
      };
      const retriable = (error: unknown) =>
        isApiFailure(error, 422, 'case-cleared') || isApiFailure(error, 412) || (error instanceof ApiError && error.retriable);
      try {
        journey.seat = await withRetry(`seat for ${caseId} on ${movementId}`, attempt, retriable, {
          timeoutMs: timeouts.assignmentMs,
          initialDelayMs: 50,
          maxDelayMs: 1_000,
        });
      } catch (error) {
        if (!(error instanceof DeadlineExceededError) || !isApiFailure(error.cause, 422, 'case-cleared')) throw error;
        // Say whether the clearance is late or gone: legal answered 'cleared' before we got here.
        const file = await apis.getLegalFile(caseId).catch(() => undefined);
        throw new Error(`${error.message}; legal now shows the file as '${file?.status ?? 'unreadable'}'`, { cause: error });
      }
    },

    /**
     * Logistics answered each assignment with a seat; the movement read back
     * must list every seated case with that seat. A case missing means its
     * assignment was lost after the 201 (and its seat may have gone to another child).
     */
    async checkManifest(seated: readonly ChildJourney[], movementId: string): Promise<void> {
      const { assigned } = await apis.getMovement(movementId);
      const seatOf = new Map(assigned.map((s) => [s.caseId, s.seat]));
      const refOf = new Map(seated.map((j) => [j.caseId, j.child.ref]));
      const holderOf = new Map(assigned.map((s) => [s.seat, refOf.get(s.caseId) ?? s.caseId]));
      for (const journey of seated) {
        const listed = seatOf.get(caseIdOf(journey));
        if (listed === journey.seat) {
          journey.reached.add(Step.onManifest);
          continue;
        }
        const answered = `logistics answered seat ${journey.seat}, but movement ${movementId}`;
        const holder = holderOf.get(journey.seat!);
        journey.failure =
          listed === undefined
            ? `onManifest: ${answered} does not list the case${holder ? ` (seat ${journey.seat} is listed for ${holder})` : ''}`
            : `onManifest: ${answered} lists it on seat ${listed}`;
      }
    },

    /**
     * One look at what the child's assignment caused downstream: the guardians'
     * e-mails (notification) and the case stage (intake). Marks what it sees;
     * returns a description of what is still missing, or undefined when all is there.
     */
    async lookAtOutcome(journey: ChildJourney): Promise<string | undefined> {
      const caseId = caseIdOf(journey);
      const missing: string[] = [];
      const expected = journey.child.registration.guardians.length;
      if (!journey.reached.has(Step.emailsSent)) {
        const deliveries = await apis.getDeliveries(caseId);
        const assigned = deliveries.filter((d) => d.milestone === 'assigned');
        journey.emailsSent = assigned.filter((d) => d.status === 'sent').length;
        if (assigned.length > expected) throw new Error(`${assigned.length} assigned-milestone deliveries for ${expected} guardian(s)`);
        if (journey.emailsSent === expected) journey.reached.add(Step.emailsSent);
        else missing.push(`${journey.emailsSent}/${expected} e-mails sent (${assigned.map((d) => d.status).join(', ') || 'no delivery yet'})`);
      }
      if (!journey.reached.has(Step.intakeAssigned)) {
        const { stage } = await apis.getCase(caseId);
        if (stage === 'assigned') journey.reached.add(Step.intakeAssigned);
        else missing.push(`intake stage is '${stage}'`);
      }
      return missing.length > 0 ? missing.join('; ') : undefined;
    },
  };
}
