import { DataErasedError } from '@homeward/privacy';
import type { Request, Response } from 'express';
import type { Snapshot } from '@homeward/persistence';
import type { CaseRecord } from '../domain/case';
import type { CaseRepository } from '../store/case.repository';
import { HomewardError, PreconditionFailedError } from '@homeward/errors';

/** RFC 6585 428: the request must be conditional (If-Match), so no change is made on a stale copy. */
export class PreconditionRequiredError extends HomewardError {
  readonly status = 428;
  readonly code = 'precondition-required';
  readonly retriable = false;
}

export const etagOf = (version: number): string => `"${version}"`;

export function sendWithEtag(res: Response, status: number, version: number, body: unknown): void {
  res.status(status).setHeader('etag', etagOf(version)).json(body);
}

/**
 * The version the client's copy has, from `If-Match: "<version>"`. Required
 * when `required`; otherwise undefined when absent (the command then acts on
 * the version it reads). `*` means any version.
 */
export function ifMatchVersion(req: Request, required: boolean): number | undefined {
  const header = req.get('if-match')?.trim();
  if (!header) {
    if (required) throw new PreconditionRequiredError('This change needs an If-Match header with the ETag of the case you read.');
    return undefined;
  }
  if (header === '*') return undefined;
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(header);
  if (!match) throw new PreconditionFailedError(`If-Match ${header} is not an ETag this service issued (e.g. "3")`);
  return Number(match[1]);
}

/**
 * The case at the version the client read, or 412 before any rule is
 * checked: a decision on a stale copy must not even be attempted. The write
 * stays conditional on the same version, for a change landing in between.
 */
export async function readAt(cases: CaseRepository, caseId: string, expected: number | undefined): Promise<Snapshot<CaseRecord>> {
  const current = await cases.store.get(caseId, 'case');
  if (current.erasure?.erasedAt) throw new DataErasedError(`case ${caseId} was erased at ${current.erasure.erasedAt}: it can no longer be changed`);
  if (expected !== undefined && current.version !== expected) {
    throw new PreconditionFailedError(`case ${caseId} is at version ${current.version}, not ${expected}: reload it and try again`, {
      currentVersion: current.version,
    });
  }
  return current;
}
