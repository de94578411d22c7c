import { ValidationError } from '@homeward/errors';
import { facilityKey } from '../domain/case';
import type { CaseStage } from '../domain/case-stage';
import { queryNameKeys } from '../domain/name-keys';

export interface CaseSearch {
  readonly name?: string | undefined;
  readonly facility?: string | undefined;
  readonly stage?: CaseStage | undefined;
  readonly programmeId?: string | undefined;
  readonly destinationState?: string | undefined;
  readonly after?: string | undefined;
}

/** Position of the last case of a page: the list is ordered by registration time, then id, which never changes. */
interface Cursor {
  readonly registeredAt: string;
  readonly id: string;
}

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.registeredAt, c.id])).toString('base64url');

function decodeCursor(text: string): Cursor {
  try {
    const [registeredAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof registeredAt === 'string' && typeof id === 'string') return { registeredAt, id };
  } catch {
    // fall through: the same answer for any cursor this service did not issue
  }
  throw new ValidationError('The request is invalid.', [
    { field: 'query.after', message: 'not a cursor this service issued; start again from the first page' },
  ]);
}

/**
 * The filter of GET /cases. A name matches when every word of the query shares
 * a key (transliteration, phonetic code or consonant skeleton) with the case's
 * names, through the multikey `nameKeys` index. The stored keys are blinded
 * (keyed hashes, never plaintext): `blind` hashes the query's keys the same
 * way.
 */
export function caseSearchFilter(search: CaseSearch, blind: (key: string) => string = (key) => key): Record<string, unknown> {
  const and: Record<string, unknown>[] = [];
  if (search.name) {
    const tokens = queryNameKeys(search.name);
    if (tokens.length === 0) {
      throw new ValidationError('The request is invalid.', [{ field: 'query.name', message: 'has no letters to search for' }]);
    }
    for (const keys of tokens) and.push({ nameKeys: { $in: keys.map(blind) } });
  }
  if (search.facility) and.push({ facilityKey: blind(facilityKey(search.facility)) });
  if (search.stage) and.push({ stage: search.stage });
  if (search.programmeId) and.push({ programmeId: search.programmeId });
  if (search.destinationState) and.push({ destinationState: search.destinationState });
  if (search.after) {
    const { registeredAt, id } = decodeCursor(search.after);
    and.push({ $or: [{ registeredAt: { $gt: registeredAt } }, { registeredAt, _id: { $gt: id } }] });
  }
  return and.length === 0 ? {} : { $and: and };
}

export const caseListSort = { registeredAt: 1, _id: 1 } as const;
