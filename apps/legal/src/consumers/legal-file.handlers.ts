import { CaseBoardedV1, CaseMergedV1, CaseRegisteredV2, CaseWithdrawnV1, LegalFileOpenedV1 } from '@homeward/contracts';
import { PreconditionFailedError, TransientError } from '@homeward/errors';
import { on, onEvenIfErased, type HandlerRegistration } from '@homeward/messaging';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { closeFile, markBoarded, openFile } from '../domain/case-lifecycle.transitions';
import type { LegalFileState } from '../domain/legal-file.state';
import { registerLegalFileModel, type LegalFileRecord } from '../store/legal-file.model';
import { registerProgrammeModel } from '../store/programme.model';

/** Opens a file per registered case and follows the case's fate in the other services. */
export function legalFileHandlers(context: ServiceContext): HandlerRegistration[] {
  const files = new AggregateStore<LegalFileRecord>(registerLegalFileModel(context.connection));
  const programmes = registerProgrammeModel(context.connection);

  /**
   * Applies a change derived from the file as read, on the version read, so
   * a concurrent command cannot be overwritten; a lost race retries. The
   * domain returns undefined for a change already made, which makes a
   * redelivery (after a crash before the consumer recorded it) a no-op.
   */
  const change = async (caseId: string, eventType: string, next: (file: LegalFileState) => LegalFileState | undefined) => {
    const found = await files.find(caseId);
    if (!found) {
      // Case events share the case's partition, so the registration came first; it must have been dead-lettered.
      context.logger.warn({ caseId, eventType }, 'no legal file for this case; event ignored');
      return;
    }
    const { _id, version, ...file } = found;
    const changed = next(file);
    if (!changed) return;
    try {
      await files.update(caseId, version, changed, [], 'legal file');
    } catch (error) {
      if (error instanceof PreconditionFailedError) throw new TransientError(`legal file ${caseId} changed meanwhile; retrying`, {}, { cause: error });
      throw error;
    }
  };

  return [
    on(CaseRegisteredV2, async (event) => {
      const { caseId, programmeId, destinationState } = event.data;
      const programme = await programmes.findById(programmeId).lean().exec();
      // Programme and case events travel under different keys, so the case may come first: retry until the programme is known.
      if (!programme) throw new TransientError(`programme ${programmeId} of case ${caseId} is not known yet`);
      const opened = openFile({ caseId, programmeId, destinationState }, { programmeId, requirements: programme.requirements }, event.type, new Date());
      const pending = context.events(LegalFileOpenedV1, opened.event, { correlationid: event.correlationid, causationid: event.id });
      // The file's id is the case id: a second delivery hits the same key and creates nothing.
      if (await files.create(caseId, opened.state, [pending], event.id)) context.published();
    }),
    onEvenIfErased(CaseWithdrawnV1, async (event) => {
      const { caseId, withdrawnAt } = event.data;
      await change(caseId, event.type, (file) => closeFile(file, { reason: 'withdrawn', at: withdrawnAt, by: event.type }));
    }),
    on(CaseMergedV1, async (event) => {
      const { caseId, survivorCaseId, mergedAt } = event.data;
      await change(caseId, event.type, (file) => closeFile(file, { reason: 'merged', survivorCaseId, at: mergedAt, by: event.type }));
    }),
    on(CaseBoardedV1, async (event) => {
      const { caseId, boardedAt } = event.data;
      await change(caseId, event.type, (file) => markBoarded(file, boardedAt));
    }),
  ];
}
