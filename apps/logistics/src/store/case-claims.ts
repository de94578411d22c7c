import { ConflictError, PreconditionFailedError } from '@homeward/errors';
import type { AggregateStore } from '@homeward/persistence';
import type { CaseCopyRecord } from './case-copy.model';

const ATTEMPTS = 5;

/**
 * How long a claim whose movement does not list the case yet counts as an
 * assignment in progress (the movement write follows within milliseconds);
 * after that it is void: the process died between the two writes.
 */
export const CLAIM_LEASE_MS = 30_000;

/**
 * The pointer from a case to the movement that seats it. An assignment
 * writes two aggregates, each committed on its own: it first claims each
 * case, a compare-and-set on the pointer it read (a versioned commit, so two
 * movements cannot seat one child at once), then writes the movement with its
 * events. If the movement write fails the claims are released; if the process
 * dies between the two writes, the claim points to a movement that does not
 * list the case and, once its lease is over, every reader treats it as void
 * (CaseFactsReader), so the claim is derivable from the movement, never a
 * second truth.
 */
export class CaseClaims {
  constructor(private readonly cases: AggregateStore<CaseCopyRecord>) {}

  async claim(movementId: string, previous: ReadonlyMap<string, string | null>): Promise<void> {
    const claimed: string[] = [];
    for (const [caseId, was] of previous) {
      const won = await this.swap(caseId, was, movementId);
      if (!won) {
        await this.release(movementId, claimed);
        throw new ConflictError(`case ${caseId} was assigned by another request at the same time; reload and try again`, {
          state: 'assigned-concurrently',
        });
      }
      claimed.push(caseId);
    }
  }

  /** Drops the pointers that still point to this movement; idempotent. */
  async release(movementId: string, caseIds: readonly string[]): Promise<void> {
    for (const caseId of caseIds) await this.swap(caseId, movementId, null);
  }

  /** Sets the pointer to `to` if it is `from`; a consumer's write in between only makes it read again. */
  private async swap(caseId: string, from: string | null, to: string | null): Promise<boolean> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const copy = await this.cases.find(caseId);
      if (!copy) return false;
      if (copy.movementId === to) return true;
      if (copy.movementId !== from) return false;
      try {
        await this.cases.update(caseId, copy.version, { movementId: to, claimedAt: to ? new Date().toISOString() : null }, [], 'case');
        return true;
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
    return false;
  }
}
