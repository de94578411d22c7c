import { parse } from 'csv-parse/sync';
import { ApiError, isApiFailure } from './api-client';
import { caseIdOf, Step, type ChildJourney } from './child-journey';
import type { HomewardApis } from './homeward-apis';
import { withRetry } from './retry';
import { ACTORS } from './seed-groups';

/** Retries seen while seating children, reported in the summary. */
export interface AssignmentRetries {
  /** 422 `case-cleared` or `programme-active` only: logistics had not yet consumed the clearance or the programme. */
  consumerLag: number;
  /** 412: another command on the movement committed first (logistics retries these itself; counted if one still gets out). */
  versionConflict: number;
}

/** What the manifests held when fetched. */
export interface ManifestCheck {
  readonly csvRows: number;
  readonly pdfBytes: number;
}

/** Rules whose refusal may only mean that logistics has not yet consumed an event (topics are not ordered against each other). */
const LAG_RULES: ReadonlySet<string> = new Set(['case-cleared', 'programme-active']);
const isConsumerLag = (error: unknown) => isApiFailure(error, 422) && error.rules.length > 0 && error.rules.every((r) => LAG_RULES.has(r));

/** The logistics side of a group: the movement's commands and the children's part in them. */
export function movementSteps(apis: HomewardApis, options: { assignmentMs: number }) {
  const { logisticsOfficer } = ACTORS;
  return {
    /**
     * Seats children in one request, siblings next to each other (logistics
     * refuses to split cleared siblings). A refusal naming only lag rules is
     * retried, bounded; any other refusal is thrown with every rule named. An
     * answer lost to a timeout is found again: the retry is refused as
     * already seated, and the movement read back lists the children.
     */
    async assign(children: readonly ChildJourney[], movementId: string, retries: AssignmentRetries): Promise<void> {
      const caseIds = children.map(caseIdOf);
      const attempt = async () => {
        try {
          return (await apis.assignCases(movementId, caseIds, logisticsOfficer)).assigned;
        } catch (error) {
          if (isConsumerLag(error)) retries.consumerLag++;
          if (isApiFailure(error, 412)) retries.versionConflict++;
          if (isApiFailure(error, 422)) {
            const seated = (await apis.getMovement(movementId)).passengers.filter((p) => caseIds.includes(p.caseId));
            if (seated.length === caseIds.length) return seated;
          }
          throw error;
        }
      };
      const retriable = (error: unknown) => isConsumerLag(error) || isApiFailure(error, 412) || (error instanceof ApiError && error.retriable);
      const assigned = await withRetry(`seats for ${caseIds.length} children on ${movementId}`, attempt, retriable, {
        timeoutMs: options.assignmentMs,
        initialDelayMs: 50,
        maxDelayMs: 1_000,
      });
      for (const journey of children) {
        journey.seat = assigned.find((a) => a.caseId === journey.caseId)?.seat;
        if (journey.seat === undefined) throw new Error(`logistics answered no seat for ${journey.caseId}`);
      }
    },

    /**
     * The movement read back lists every seated child on the seat logistics
     * answered; the CSV manifest has one row per child and the PDF is a PDF.
     * Marks the children listed; throws if the manifests are wrong.
     */
    async checkManifest(seated: readonly ChildJourney[], movementId: string): Promise<ManifestCheck> {
      const { passengers } = await apis.getMovement(movementId);
      const seatOf = new Map(passengers.map((p) => [p.caseId, p.seat]));
      for (const journey of seated) {
        const listed = seatOf.get(caseIdOf(journey));
        if (listed === journey.seat) journey.reached.add(Step.onManifest);
        else journey.failure = `onManifest: logistics answered seat ${journey.seat}, but movement ${movementId} lists ${listed === undefined ? 'no seat' : `seat ${listed}`}`;
      }
      const [csv, pdf] = await Promise.all([apis.manifest(movementId, 'csv'), apis.manifest(movementId, 'pdf')]);
      if (!csv.contentType.startsWith('text/csv')) throw new Error(`manifest.csv came as '${csv.contentType}'`);
      if (!pdf.contentType.startsWith('application/pdf') || pdf.body.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new Error(`manifest.pdf came as '${pdf.contentType}' starting '${pdf.body.subarray(0, 5).toString('latin1')}'`);
      }
      const rows = parse(csv.body.toString('utf8').replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
      const listedInCsv = new Set(rows.map((r) => r['caseId']));
      const notInCsv = passengers.filter((p) => !listedInCsv.has(p.caseId)).map((p) => p.caseId);
      if (rows.length !== passengers.length || notInCsv.length > 0) {
        throw new Error(`manifest.csv has ${rows.length} rows for ${passengers.length} children${notInCsv.length ? `, missing ${notInCsv.join(', ')}` : ''}`);
      }
      return { csvRows: rows.length, pdfBytes: pdf.body.length };
    },

    async board(journey: ChildJourney, movementId: string): Promise<void> {
      const caseId = caseIdOf(journey);
      try {
        await apis.board(movementId, caseId, logisticsOfficer);
      } catch (error) {
        const already = isApiFailure(error, 409) && (await apis.getMovement(movementId)).passengers.some((p) => p.caseId === caseId && p.status === 'boarded');
        if (!already) throw error;
      }
    },

    depart: (movementId: string) => apis.depart(movementId, logisticsOfficer),
    arrive: (movementId: string) => apis.arrive(movementId, logisticsOfficer),

    /** To the case's first candidate guardian, as intake knows them now (the id is intake's). */
    async handOver(journey: ChildJourney, movementId: string): Promise<void> {
      const caseId = caseIdOf(journey);
      const { personal } = await apis.getCase(caseId);
      const guardian = personal.guardians[0];
      if (!guardian) throw new Error(`case ${caseId} has no candidate guardian to hand the child to`);
      const name = `${guardian.name.given} ${guardian.name.family}`;
      try {
        await apis.handOver(
          movementId,
          caseId,
          { receiverKind: 'guardian', guardianId: guardian.guardianId, name, relationship: guardian.relationship, receivingPerson: name },
          logisticsOfficer,
        );
      } catch (error) {
        const already = isApiFailure(error, 409) && (await apis.getMovement(movementId)).passengers.some((p) => p.caseId === caseId && p.status === 'handed-over');
        if (!already) throw error;
      }
    },
  };
}

export type MovementSteps = ReturnType<typeof movementSteps>;
