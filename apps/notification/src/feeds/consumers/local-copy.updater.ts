import type { EventEnvelope } from '@homeward/contracts';
import { findEventDefinition } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import type { Privacy } from '@homeward/privacy';
import { CaseStage, stageAfter } from '../domain/case-stage';
import type { EventScope } from '../domain/subscription';
import type { CaseCopy, LocalCopyModels } from '../store/local-copy.model';

const RECENT_EVENTS = 50;

export interface EventFacts extends EventScope {
  /** The copies of the cases the event is about, after the event. */
  readonly cases: ReadonlyMap<string, CaseCopy>;
  /** To run once the event is in every feed: makes a newly registered case known. */
  readonly firstKnown?: (() => Promise<void>) | undefined;
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
// The field's path, as every service names the same field (the AAD binds the ciphertext to child and field).
const BIRTH_DATE_PATH = 'birthDate';

/** The birth date as stored: sealed with the child's key when the service has a privacy layer. */
const sealBirthDate = async (privacy: Privacy | undefined, caseId: string, birthDate: CaseCopy['birthDate']) =>
  (privacy ? await privacy.seal(caseId, BIRTH_DATE_PATH, birthDate) : birthDate) as CaseCopy['birthDate'];

/** The stored birth date opened; absent once the child's key was erased (the age band is then unknown). */
async function openBirthDate(privacy: Privacy | undefined, copy: CaseCopy): Promise<CaseCopy> {
  if (!privacy) return copy;
  const opened = (await privacy.open(copy._id, BIRTH_DATE_PATH, copy.birthDate)) as CaseCopy['birthDate'] | { erased: true };
  return { ...copy, birthDate: 'erased' in opened ? (undefined as unknown as CaseCopy['birthDate']) : opened };
}

export async function applyToLocalCopy(copies: LocalCopyModels, event: EventEnvelope<Data>, privacy?: Privacy): Promise<EventFacts> {
  const { data, type } = event;
  const keyedBy = findEventDefinition(type)?.keyedBy;

  if (type === 'programme.created.v1') {
    // Known to the movements' events only once in every feed, as a case is (below).
    const programmeId = data['programmeId'] as string;
    const destinationState = data['destinationState'] as string;
    const firstKnown = () => copies.programmes.updateOne({ _id: programmeId }, { $set: { destinationState } }, { upsert: true }).then(() => undefined);
    return { programmeId, destinationState, cases: new Map(), firstKnown };
  }
  if (type === 'movement.scheduled.v1') {
    await copies.movements.updateOne({ _id: data['movementId'] as string }, { $set: { programmeId: data['programmeId'] as string } }, { upsert: true });
  }
  // A case first becomes known only after its registration is in every feed
  // (see `firstKnown`): every other event of the case waits for the copy, so
  // no feed shows a case's later event before its registration.
  let firstKnown: (() => Promise<void>) | undefined;
  const pending = new Map<string, CaseCopy>();
  // Both versions of the registration reach the feeds (each subscription asked for one of them).
  if (type === 'case.registered.v1' || type === 'case.registered.v2' || type === 'case.updated.v1') {
    const caseId = data['caseId'] as string;
    const personal = data['personal'] as { birthDate: CaseCopy['birthDate'] | string; birthDatePrecision?: CaseCopy['birthDate']['precision'] };
    // v2 carries the precision beside a plain date.
    const birthDate: CaseCopy['birthDate'] = typeof personal.birthDate === 'string' ? { value: personal.birthDate, precision: personal.birthDatePrecision ?? 'day' } : personal.birthDate;
    const known = { programmeId: data['programmeId'] as string, destinationState: data['destinationState'] as string, sex: data['sex'] as string, birthDate: await sealBirthDate(privacy, caseId, birthDate) };
    if (await copies.cases.exists({ _id: caseId })) {
      await copies.cases.updateOne({ _id: caseId }, { $set: known });
    } else {
      const copy: CaseCopy = { _id: caseId, ...known, birthDate, stage: CaseStage.registered, recentEvents: [event.id] };
      pending.set(caseId, copy);
      firstKnown = () => copies.cases.updateOne({ _id: caseId }, { $set: known, $setOnInsert: { stage: copy.stage, recentEvents: copy.recentEvents } }, { upsert: true }).then(() => undefined);
    }
  }

  const caseIds = caseIdsOf(data);
  const cases = new Map<string, CaseCopy>();
  for (const caseId of caseIds) {
    const stored = pending.has(caseId) ? undefined : await copies.cases.findById(caseId).lean<CaseCopy>();
    const copy = pending.get(caseId) ?? (stored && (await openBirthDate(privacy, stored)));
    if (!copy) throw new TransientError(`feeds: case ${caseId} is not registered here yet (${type} ${event.id} waits for its registration)`);
    const recent = copy.recentEvents ?? [];
    const next = recent.includes(event.id) ? copy : stageAfter(copy, type);
    if (next !== copy && !pending.has(caseId)) {
      await copies.cases.updateOne(
        { _id: caseId },
        { $set: { stage: next.stage, stageBeforeHold: next.stageBeforeHold ?? null, recentEvents: [...recent, event.id].slice(-RECENT_EVENTS) } }
      );
    }
    cases.set(caseId, { ...copy, stage: next.stage, stageBeforeHold: next.stageBeforeHold });
  }

  if (keyedBy === 'case') {
    const copy = cases.get(data['caseId'] as string)!;
    return { programmeId: copy.programmeId, destinationState: copy.destinationState, cases, firstKnown };
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
