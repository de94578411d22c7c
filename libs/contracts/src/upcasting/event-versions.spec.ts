import { CaseWithdrawnV1, CaseWithdrawnV2 } from '../events/case-lifecycle.events';
import { CaseRegisteredV1, CaseRegisteredV2 } from '../events/case-registered.event';
import { CaseHoldPlacedV1, CaseHoldPlacedV2, CaseRejectedV1, CaseRejectedV2, RequirementDecidedV1, RequirementDecidedV2 } from '../events/legal.events';
import { exampleData } from '../testing/examples';
import { canConvertEvent, convertEventData } from './event-versions';

describe('event version conversion', () => {
  const v1 = exampleData['case.registered.v1'];

  it('upcasts case.registered.v1 into valid v2 data with the precision as its own field', () => {
    const v2 = CaseRegisteredV2.schema.parse(convertEventData('case.registered.v1', 'case.registered.v2', v1));
    expect(v2.personal).toMatchObject({ birthDate: '2014-01-01', birthDatePrecision: 'year' });
    expect(v2).toMatchObject({ caseId: v1.caseId, registeredAt: v1.registeredAt });
  });

  it('downcasts v2 to v1 losslessly, so that a handler written for v1 still receives registrations', () => {
    const there = convertEventData('case.registered.v1', 'case.registered.v2', v1);
    expect(CaseRegisteredV1.schema.parse(convertEventData('case.registered.v2', 'case.registered.v1', there))).toEqual(v1);
  });

  it('converts a version into itself unchanged and refuses across events', () => {
    expect(convertEventData('case.registered.v1', 'case.registered.v1', v1)).toBe(v1);
    expect(canConvertEvent('case.registered.v1', 'case.updated.v1')).toBe(false);
    expect(canConvertEvent('case.updated.v1', 'case.updated.v2')).toBe(false);
    expect(() => convertEventData('case.updated.v1', 'case.updated.v2', {})).toThrow('no upcaster');
  });

  it.each([
    [RequirementDecidedV1, RequirementDecidedV2],
    [CaseHoldPlacedV1, CaseHoldPlacedV2],
    [CaseRejectedV1, CaseRejectedV2],
    [CaseWithdrawnV1, CaseWithdrawnV2],
  ])('moves the free-text reason of %s into the sealed personal part of v2, and back without loss', (v1Def, v2Def) => {
    const v1Data = exampleData[v1Def.type as keyof typeof exampleData] as { reason: string };
    const v2Data = v2Def.schema.parse(convertEventData(v1Def.type, v2Def.type, v1Data)) as Record<string, unknown>;
    expect(v2Data).not.toHaveProperty('reason');
    expect(v2Data['personal']).toEqual({ reason: v1Data.reason });
    expect(v1Def.schema.parse(convertEventData(v2Def.type, v1Def.type, v2Data))).toEqual(v1Data);
  });
});
