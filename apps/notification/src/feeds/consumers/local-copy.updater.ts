import type { EventEnvelope } from '@homeward/contracts';
import { findEventDefinition } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { CaseStage, stageAfter } from '../domain/case-stage';
import type { EventScope } from '../domain/subscription';
import type { CaseCopy, LocalCopyModels } from '../store/local-copy.model';

const RECENT_EVENTS = 50;

export interface EventFacts extends EventScope {
  /** The copies of the cases the event is about, after the event. */
  readonly cases: ReadonlyMap<string, CaseCopy>;
}

type Data = Record<string, unknown>;
const caseIdsOf = (data: Data): string[] =>
  [data['caseId'], ...((data['caseIds'] as string[] | undefined) ?? []), ...((data['releasedCaseIds'] as string[] | undefined) ?? [])].filter(
    (id): id is string => typeof id === 'string',
  );

/**
 * Keeps the feeds' local copy up to date with one event and answers what the
 * filters and the redaction need to know about it. Registration travels on
 * intake's topic and everything else about a case on other topics, which
 * Kafka does not order between them: an event about a case the copy does
 * not know yet is retried (TransientError) until its registration arrives.
 */
export async function applyToLocalCopy(copies: LocalCopyModels, event: EventEnvelope<Data>): Promise<EventFacts> {
  const { data, type } = event;
  const keyedBy = findEventDefinition(type)?.keyedBy;

  if (type === 'programme.created.v1') {
    await copies.programmes.updateOne({ _id: data['programmeId'] as string }, { $set: { destinationState: data['destinationState'] as string } }, { upsert: true });
  }
  if (type === 'movement.scheduled.v1') {
    await copies.movements.updateOne({ _id: data['movementId'] as string }, { $set: { programmeId: data['programmeId'] as string } }, { upsert: true });
  }
  if (type === 'case.registered.v1' || type === 'case.updated.v1') {
    const birthDate = (data['personal'] as { birthDate: CaseCopy['birthDate'] }).birthDate;
    await copies.cases.updateOne(
      { _id: data['caseId'] as string },
      {
        $set: { programmeId: data['programmeId'] as string, destinationState: data['destinationState'] as string, sex: data['sex'] as string, birthDate },
        $setOnInsert: { stage: CaseStage.registered, recentEvents: [] },
      },
      { upsert: true },
    );
  }

  const caseIds = caseIdsOf(data);
  const cases = new Map<string, CaseCopy>();
  for (const caseId of caseIds) {
    const copy = await copies.cases.findById(caseId).lean<CaseCopy>();
    if (!copy) throw new TransientError(`feeds: case ${caseId} is not registered here yet (${type} ${event.id} waits for its registration)`);
    const recent = copy.recentEvents ?? [];
    const next = recent.includes(event.id) ? copy : stageAfter(copy, type);
    if (next !== copy) {
      await copies.cases.updateOne(
        { _id: caseId },
        { $set: { stage: next.stage, stageBeforeHold: next.stageBeforeHold ?? null, recentEvents: [...recent, event.id].slice(-RECENT_EVENTS) } }
      );
    }
    cases.set(caseId, { ...copy, stage: next.stage, stageBeforeHold: next.stageBeforeHold });
  }

  if (keyedBy === 'case') {
    const copy = cases.get(data['caseId'] as string)!;
    return { programmeId: copy.programmeId, destinationState: copy.destinationState, cases };
  }
  const programmeId = keyedBy === 'programme' ? (data['programmeId'] as string) : await programmeOfMovement(copies, data['movementId'] as string, type);
  const programme = await copies.programmes.findById(programmeId).lean();
  if (!programme) throw new TransientError(`feeds: programme ${programmeId} is not known here yet (${type} ${event.id} waits for it)`);
  return { programmeId, destinationState: programme.destinationState, cases };
}

async function programmeOfMovement(copies: LocalCopyModels, movementId: string, type: string): Promise<string> {
  const movement = await copies.movements.findById(movementId).lean();
  if (!movement) throw new TransientError(`feeds: movement ${movementId} is not known here yet (${type} waits for movement.scheduled)`);
  return movement.programmeId;
}
