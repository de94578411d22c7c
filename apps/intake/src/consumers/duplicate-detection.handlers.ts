import { casePersonalFromV2, CaseMergedV1, CaseRegisteredV2, CaseUpdatedV1, CaseWithdrawnV2 } from '@homeward/contracts';
import { on, type HandlerRegistration } from '@homeward/messaging';
import type { ServiceContext } from '@homeward/runtime';
import { caseSubject } from '../domain/duplicate-scoring';
import { duplicateDetectorFor } from '../store/duplicate-detector';

/**
 * Duplicate detection of every case registered one by one (POST /cases), from
 * intake's own `case.registered.v2`: the registration commits with its event,
 * so detection cannot be skipped by a crash between the two, and a redelivery
 * stores no pair twice (pair ids are derived). Imported cases are checked by
 * the import itself, which counts them in its totals; here they are only
 * indexed. Corrections re-check a case; merged and withdrawn ones leave the index.
 * Every handler here is idempotent by itself (the index is a map, pair ids are
 * derived), so no processed-event record is kept: an import's 20,000 events
 * would otherwise cost 40,000 database round trips.
 */
export function duplicateDetectionHandlers(context: ServiceContext): HandlerRegistration[] {
  const detector = duplicateDetectorFor(context.connection, context.logger);
  const idempotent = { idempotent: true };
  return [
    on(CaseRegisteredV2, async ({ data }) => {
      const subject = caseSubject(data.sex, casePersonalFromV2(data.personal));
      if (data.importReference) {
        await detector.ready;
        detector.include(data.caseId, subject);
        return;
      }
      await detector.detect(data.caseId, subject, 'registration');
    }, idempotent),
    on(CaseUpdatedV1, async ({ data }) => {
      await detector.detect(data.caseId, caseSubject(data.sex, data.personal), 'update');
    }, idempotent),
    on(CaseMergedV1, async ({ data }) => {
      await detector.ready;
      detector.forget(data.caseId);
    }, idempotent),
    on(CaseWithdrawnV2, async ({ data }) => {
      await detector.ready;
      detector.forget(data.caseId);
    }, idempotent),
  ];
}
