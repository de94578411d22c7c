import type { Response } from 'express';

/**
 * What a route did with personal data, noted on the response by the API
 * router for the audit trail, which records it once the answer is sent.
 */
export interface AccessNote {
  readonly action: 'read' | 'write';
  /** `POST /cases/:caseId/siblings`: the route pattern, never the query string. */
  readonly operation: string;
  readonly permission: string;
  /** From the path, or from the answer of a command that creates the case. */
  caseId?: string;
  /** Names of the personal fields read (after redaction) or written. */
  fields: string[];
  /**
   * Set when the request was refused although the answer is not a 403: why
   * (the caller's agency does not participate in the object's programme,
   * answered 404 so as not to reveal the object). Never personal data.
   */
  denied?: string;
}

const NOTE = 'homewardAccess';

export function noteAccess(res: Response, note: AccessNote): void {
  res.locals[NOTE] = note;
}

export function accessNoteOf(res: Response): AccessNote | undefined {
  return res.locals[NOTE] as AccessNote | undefined;
}

/** The header in which a caller states why they access the data (recorded, at most 200 characters). */
export const PURPOSE_HEADER = 'x-homeward-purpose';
