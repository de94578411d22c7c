import { CaseRegisteredV1, LegalFileOpenedV1 } from '@homeward/contracts';
import { on, type HandlerRegistration } from '@homeward/messaging';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { checklist, LegalFileStatus } from '../domain/legal-file';
import { registerLegalFileModel, type LegalFileRecord } from '../store/legal-file.model';

/** Every registered case gets a legal file, once, whatever Kafka redelivers. */
export function legalFileHandlers(context: ServiceContext): HandlerRegistration[] {
  const files = new AggregateStore<LegalFileRecord>(registerLegalFileModel(context.connection));
  return [
    on(CaseRegisteredV1, async (event) => {
      const { caseId, programmeId, destinationState } = event.data;
      const openedAt = new Date().toISOString();
      const opened = context.events(
        LegalFileOpenedV1,
        { caseId, openedAt, requirements: [...checklist] },
        { correlationid: event.correlationid, causationid: event.id },
      );
      // The file's id is the case id: a second delivery hits the same key and creates nothing.
      const created = await files.create(
        caseId,
        { programmeId, destinationState, status: LegalFileStatus.open, requirements: [...checklist], openedAt, approvedBy: [] },
        [opened],
        event.id,
      );
      if (created) context.published();
    }),
  ];
}
