import { randomUUID } from 'node:crypto';
import { isApiFailure } from './api-client';
import type { HomewardApis } from './homeward-apis';
import { legalChecklist } from './legal-checklist';
import { notYet, pollUntil, reached } from './retry';
import type { SeedChild } from './seed-children';
import { ACTORS } from './seed-groups';

/** The steps one child goes through in the scenario, in order. */
export const Step = {
  registered: 'registered',
  siblingsLinked: 'siblingsLinked',
  legalFileOpened: 'legalFileOpened',
  requirementsSatisfied: 'requirementsSatisfied',
  clearanceRequested: 'clearanceRequested',
  cleared: 'cleared',
  inClearedPool: 'inClearedPool',
  assigned: 'assigned',
  onManifest: 'onManifest',
  boarded: 'boarded',
  handedOver: 'handedOver',
  emailsSent: 'emailsSent',
  intakeClosed: 'intakeClosed',
  legalCleared: 'legalCleared',
  logisticsHandedOver: 'logisticsHandedOver',
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
  /** The Idempotency-Key of the child's registration, the same on every attempt. */
  registrationKey?: string;
}

export const startJourney = (child: SeedChild): ChildJourney => ({ child, reached: new Set(), emailsSent: 0 });

export const caseIdOf = (journey: ChildJourney): string => {
  if (!journey.caseId) throw new Error(`${journey.child.ref} has no case id`);
  return journey.caseId;
};

export interface JourneyTimeouts {
  /** How long legal may take to open the file after registration. */
  readonly legalFileMs: number;
  /** How long logistics may take to learn of the clearance. */
  readonly clearedPoolMs: number;
}

/** A 409 that says the command was already done (a retried run, or a lost answer): fine if the state shows it. */
async function unlessAlready(act: () => Promise<unknown>, done: () => Promise<boolean>): Promise<void> {
  try {
    await act();
  } catch (error) {
    if (!isApiFailure(error, 409) || !(await done())) throw error;
  }
}

/** The steps that act on one child in intake and legal; each throws with a message saying what failed. */
export function childSteps(apis: HomewardApis, timeouts: JourneyTimeouts, departure: (journey: ChildJourney) => string) {
  const { caseWorker, legalOfficer, supervisor } = ACTORS;
  return {
    async register(journey: ChildJourney): Promise<void> {
      // One key per child: a caller that repeats the registration after a lost answer reaches the same case.
      journey.registrationKey ??= `registration-${randomUUID()}`;
      const { caseId } = await apis.registerCase(journey.child.registration, caseWorker, journey.registrationKey);
      journey.caseId = caseId;
    },

    /** One request per sibling group: intake links every member with every other one. */
    async linkSiblings(family: readonly ChildJourney[]): Promise<void> {
      if (family.length < 2) return;
      const [first, ...others] = family.map(caseIdOf);
      const linked = await apis.linkSiblings(first!, others, caseWorker);
      const missing = others.filter((id) => !linked.siblingCaseIds.includes(id));
      if (missing.length > 0) throw new Error(`intake links ${first} with ${linked.siblingCaseIds.length} siblings, not with ${missing.join(', ')}`);
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

    /** Evidence, then a decision, for every requirement on the child's file; one at a time, as they all write the one file. */
    async satisfyRequirements(journey: ChildJourney): Promise<void> {
      const caseId = caseIdOf(journey);
      const work = legalChecklist(journey.child, departure(journey));
      const file = await apis.getLegalFile(caseId);
      const unknown = file.requirements.filter((r) => !work.some((w) => w.code === r.code)).map((r) => r.code);
      if (unknown.length > 0) throw new Error(`the file asks for requirements the scenario cannot meet: ${unknown.join(', ')}`);
      for (const requirement of file.requirements) {
        if (requirement.status === 'satisfied') continue;
        const { code, evidence, decision, by } = work.find((w) => w.code === requirement.code)!;
        if (evidence) await apis.attachEvidence(caseId, code, evidence, by);
        await unlessAlready(
          () => apis.decideRequirement(caseId, code, decision, by),
          async () => (await apis.getLegalFile(caseId)).requirements.some((r) => r.code === code && r.status === 'satisfied'),
        );
      }
    },

    /** The first of four eyes: the legal officer asks for clearance. */
    async requestClearance(journey: ChildJourney): Promise<void> {
      const caseId = caseIdOf(journey);
      await unlessAlready(
        () => apis.requestClearance(caseId, legalOfficer),
        async () => ['clearance-requested', 'cleared'].includes((await apis.getLegalFile(caseId)).status),
      );
    },

    /** The second: a supervisor, another person, approves. */
    async approveClearance(journey: ChildJourney): Promise<void> {
      const caseId = caseIdOf(journey);
      await unlessAlready(
        () => apis.approveClearance(caseId, supervisor),
        async () => (await apis.getLegalFile(caseId)).status === 'cleared',
      );
    },

    /** Logistics has consumed the clearance: the case waits in its cleared pool. */
    async awaitClearedPool(journey: ChildJourney): Promise<void> {
      const caseId = caseIdOf(journey);
      await pollUntil(
        `case ${caseId} in logistics' cleared pool`,
        async () => {
          try {
            const seen = await apis.getLogisticsCase(caseId);
            return seen.inClearedPool ? reached(seen) : notYet(`cleared ${seen.cleared}, on hold ${seen.onHold}, movement ${seen.movementId}`);
          } catch (error) {
            if (isApiFailure(error, 404)) return notYet('404, logistics has not heard of the case');
            throw error;
          }
        },
        { timeoutMs: timeouts.clearedPoolMs },
      );
    },
  };
}

export type ChildSteps = ReturnType<typeof childSteps>;
