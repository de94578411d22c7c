import { ConflictError, ForbiddenError } from '@homeward/errors';
import type { CaseErasedV1Data } from '@homeward/contracts';
import type { CaseRecord } from './case';
import { CaseStage, type CaseStage as Stage } from './case-stage';

export const ADMIN_ROLE = 'admin';
export const RETENTION_ACTOR = 'retention-job';

/** An erasure: asked for by one admin, approved by another (or due by retention), then done. */
export interface CaseErasure {
  basis: CaseErasedV1Data['basis'];
  reason: string;
  requestedBy: string;
  requestedAt: string;
  approvedBy?: string;
  erasedAt?: string;
}

/** Stages after which nothing more happens to a case: the retention period runs from entering them. */
export const retainedStages: ReadonlySet<Stage> = new Set([CaseStage.closed, CaseStage.withdrawn, CaseStage.rejected]);

const requireAdmin = (roles: readonly string[], action: string) => {
  if (!roles.includes(ADMIN_ROLE)) throw new ForbiddenError(`${action} is reserved to the ${ADMIN_ROLE} role`, { requiredRole: ADMIN_ROLE });
};

const refuseIfErased = (caseId: string, current: CaseRecord) => {
  if (current.erasure?.erasedAt) throw new ConflictError(`case ${caseId} was erased at ${current.erasure.erasedAt}`);
};

export function requestErasure(caseId: string, current: CaseRecord, reason: string, now: Date, by: string, roles: readonly string[]): Partial<CaseRecord> {
  requireAdmin(roles, 'Requesting the erasure of a case');
  refuseIfErased(caseId, current);
  if (current.erasure) throw new ConflictError(`case ${caseId} already has an erasure request by ${current.erasure.requestedBy}, waiting for a second admin's approval`);
  const at = now.toISOString();
  return { erasure: { basis: 'request', reason, requestedBy: by, requestedAt: at }, updatedAt: at, updatedBy: by };
}

/**
 * The second admin's approval. Four eyes: the requester cannot approve
 * their own request. What it returns is written after the child's key is
 * deleted; the search keys go too, so the erased case is not found by name.
 */
export function approveErasure(caseId: string, current: CaseRecord, now: Date, by: string, roles: readonly string[]): { set: Partial<CaseRecord>; event: CaseErasedV1Data } {
  requireAdmin(roles, 'Approving the erasure of a case');
  refuseIfErased(caseId, current);
  const request = current.erasure;
  if (!request) throw new ConflictError(`case ${caseId} has no erasure request to approve`);
  if (request.requestedBy === by) {
    throw new ForbiddenError(`${by} requested this erasure and cannot also approve it: a second, different admin must approve (four eyes)`);
  }
  return erased(caseId, request, now, by);
}

/** A closed case whose retention period is over, erased by the scheduled job without a request. */
export function retentionErasure(caseId: string, current: CaseRecord, now: Date, retentionMs: number): { set: Partial<CaseRecord>; event: CaseErasedV1Data } {
  const at = now.toISOString();
  const request: CaseErasure = { basis: 'retention', reason: `retention period of ${retentionMs} ms after the case ended is over`, requestedBy: RETENTION_ACTOR, requestedAt: at };
  return erased(caseId, request, now, RETENTION_ACTOR);
}

/** Whether the scheduled job erases the case now: it ended (closed, withdrawn, rejected) longer ago than the retention period. */
export function dueForRetention(current: Pick<CaseRecord, 'stage' | 'stageHistory' | 'erasure'>, now: Date, retentionMs: number): boolean {
  if (current.erasure?.erasedAt || !retainedStages.has(current.stage)) return false;
  const ended = current.stageHistory.findLast((entry) => entry.stage === current.stage)?.at;
  return ended !== undefined && now.getTime() - Date.parse(ended) >= retentionMs;
}

function erased(caseId: string, request: CaseErasure, now: Date, by: string): { set: Partial<CaseRecord>; event: CaseErasedV1Data } {
  const at = now.toISOString();
  return {
    set: { erasure: { ...request, approvedBy: by, erasedAt: at }, nameKeys: [], facilityKey: '', registrationFingerprint: '', updatedAt: at, updatedBy: by },
    event: { caseId, basis: request.basis, requestedBy: request.requestedBy, approvedBy: by, erasedAt: at },
  };
}
