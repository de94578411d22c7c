import { casePersonalFromV2, CaseMergedV1, CaseRegisteredV2, CaseUpdatedV1, CaseWithdrawnV2, type CaseSnapshot } from '@homeward/contracts';
import { TransientError } from '@homeward/errors';
import { on, onEvenIfErased, type HandlerRegistration } from '@homeward/messaging';
import type { ServiceContext } from '@homeward/runtime';
import type { CaseCopyRecord } from '../store/case-copy.model';
import type { LogisticsStores } from '../store/logistics.stores';
import { releaseSeat } from './release-seat';

type CaseDetails = Pick<
  CaseCopyRecord,
  'programmeId' | 'sex' | 'birthDate' | 'names' | 'guardians' | 'medicalNeeds' | 'requiresMedicalEscort' | 'siblingCaseIds'
>;

/** Only what assignment and the manifest need; the rest of the case stays with intake. */
function detailsOf(snapshot: CaseSnapshot): CaseDetails {
  const { personal } = snapshot;
  return {
    programmeId: snapshot.programmeId,
    sex: snapshot.sex,
    birthDate: personal.birthDate,
    names: personal.names,
    guardians: personal.guardians.map((g) => ({ guardianId: g.guardianId, name: g.name, relationship: g.relationship })),
    medicalNeeds: personal.medicalNeeds ?? null,
    requiresMedicalEscort: snapshot.requiresMedicalEscort,
    siblingCaseIds: snapshot.siblingCaseIds,
  };
}

export function caseCopyHandlers(stores: LogisticsStores, context: ServiceContext): HandlerRegistration[] {
  const { cases } = stores;
  const mustExist = async (caseId: string) => {
    const copy = await cases.find(caseId);
    // Topics are not ordered against each other: the registration may still be on its way.
    if (!copy) throw new TransientError(`case ${caseId} is not known yet`);
    return copy;
  };
  return [
    on(CaseRegisteredV2, async (event) => {
      const record: CaseCopyRecord = {
        ...detailsOf({ ...event.data, personal: casePersonalFromV2(event.data.personal) }),
        intakeVersion: 1,
        cleared: false,
        exit: null,
        exitNote: null,
        holds: [],
        movementId: null,
        claimedAt: null,
      };
      await cases.create(event.data.caseId, record, [], event.id);
    }),
    on(CaseUpdatedV1, async (event) => {
      const copy = await mustExist(event.data.caseId);
      if (event.data.version <= copy.intakeVersion) return;
      await cases.applyOnce(copy._id, event.id, { ...detailsOf(event.data), intakeVersion: event.data.version }, []);
    }),
    // The reason of a withdrawal is personal free text (it can name the child) and stays in intake, sealed: the copy says only that it was withdrawn.
    onEvenIfErased(CaseWithdrawnV2, async (event) => {
      const { caseId } = event.data;
      await mustExist(caseId);
      await cases.applyOnce(caseId, event.id, { exit: 'withdrawn', exitNote: 'withdrawn' }, []);
      await releaseSeat(stores, context, caseId, 'case withdrawn', event);
    }),
    on(CaseMergedV1, async (event) => {
      const { caseId, survivorCaseId } = event.data;
      await mustExist(caseId);
      await cases.applyOnce(caseId, event.id, { exit: 'merged', exitNote: `merged into case ${survivorCaseId}` }, []);
      await releaseSeat(stores, context, caseId, 'case merged into another', event);
    }),
  ];
}
