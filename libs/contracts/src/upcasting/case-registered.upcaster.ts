import { casePersonalFromV2, casePersonalToV2, CaseRegisteredV1, CaseRegisteredV2 } from '../events/case-registered.event';
import { defineUpcaster } from './event-upcaster';

export const caseRegisteredV1ToV2 = defineUpcaster({
  from: CaseRegisteredV1,
  to: CaseRegisteredV2,
  up: (data) => ({ ...data, personal: casePersonalToV2(data.personal) }),
  down: (data) => ({ ...data, personal: casePersonalFromV2(data.personal) }),
});
