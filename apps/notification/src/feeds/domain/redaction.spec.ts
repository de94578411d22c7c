import { eventCatalog } from '@homeward/contracts';
import { exampleData, exampleIds } from '@homeward/contracts/testing';
import { caseReference } from './case-reference';
import { redactForLevelNone } from './redaction';

const key = Buffer.alloc(32, 7).toString('base64');
const refOf = (caseId: string) => caseReference(key, caseId);
const viewOf = (caseId: string) => ({ ref: refOf(caseId), ageBand: '5-11' as const, sex: 'female', stage: 'cleared' as const });

/** Every string under a personal part, a free-text reason or a person's id, anywhere in the data. */
function secretsOf(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') {
    const sensitive = path.some((p) => ['personal', 'reason', 'name', 'caseId', 'caseIds', 'releasedCaseIds', 'siblingCaseIds', 'survivorCaseId', 'guardianId', 'evidenceId', 'approvedBy'].includes(p) || p.endsWith('By'));
    return sensitive ? [value] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v) => secretsOf(v, path));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => secretsOf(v, [...path, k]));
  return [];
}

describe('redactForLevelNone', () => {
  it.each(eventCatalog.map((def) => [def.type] as const))('%s keeps no personal data, reason, staff id or raw case id', (type) => {
    const data = exampleData[type] as Record<string, unknown>;
    const out = JSON.stringify(redactForLevelNone({ type, data, viewOf, refOf, programmeId: exampleIds.programmeId, destinationState: 'RU' }));
    const secrets = secretsOf(data).filter((s) => s.length > 2);
    for (const secret of secrets) expect({ type, leaked: out.includes(secret) ? secret : undefined }).toEqual({ type, leaked: undefined });
  });

  it('describes a case by its reference, age band, sex and stage, with the dates', () => {
    const out = redactForLevelNone({ type: 'case.registered.v1', data: exampleData['case.registered.v1'], viewOf, refOf, programmeId: exampleIds.programmeId, destinationState: 'RU' });
    expect(out).toEqual({
      programmeId: exampleIds.programmeId,
      destinationState: 'RU',
      originState: 'IQ',
      registeredAt: '2019-06-03T09:15:00Z',
      case: { ref: refOf(exampleIds.caseId), ageBand: '5-11', sex: 'female', stage: 'cleared' },
    });
  });

  it('replaces the case ids of a movement by the cases as the subscription sees them', () => {
    const out = redactForLevelNone({ type: 'movement.arrived.v1', data: exampleData['movement.arrived.v1'], viewOf, refOf });
    expect(out).toEqual({ movementId: exampleIds.movementId, arrivedAt: '2019-07-10T09:40:00Z', cases: [viewOf(exampleIds.caseId)] });
  });

  it('gives the same case the same reference within a subscription and another across subscriptions', () => {
    expect(caseReference(key, exampleIds.caseId)).toBe(refOf(exampleIds.caseId));
    expect(caseReference(Buffer.alloc(32, 8).toString('base64'), exampleIds.caseId)).not.toBe(refOf(exampleIds.caseId));
    expect(refOf(exampleIds.caseId)).toMatch(/^case_[A-Za-z0-9_-]{27}$/);
  });
});
