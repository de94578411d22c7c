import type { Request, Response } from 'express';
import { NotFoundError } from '@homeward/errors';
import { accessNoteOf } from '../access-note';
import { principalOf, type Principal } from '../principal';
import { isOperator, participates, type AgencyPolicy, type Participants } from './agency-policy';

/** A service's own knowledge of its programmes' participants (its local copy of `programme.created.v1`). */
export interface ProgrammeDirectory {
  /** `null` when the service does not know the programme (yet); `undefined` participants for a programme from before the lists. */
  participantsOf(programmeId: string): Promise<{ participants: Participants } | null>;
  /** Every programme the service knows, with its participants (a handful: one per pair of states and period). */
  all(): Promise<ReadonlyArray<{ programmeId: string; participants: Participants }>>;
}

/**
 * The object a route acts on, and how to find its programme: declared in
 * the route's operation (`scope`), checked by the API router before
 * validation and before the handler, so a refused write changes nothing.
 */
export interface ObjectScope {
  /** What the object is called in a 404 (`case`, `legal file`, `movement`). */
  readonly object: string;
  /** The path parameter naming it. */
  readonly parameter: string;
  /** 404 (as for an object that does not exist) unless the caller's agency participates in the object's programme. */
  check(req: Request, res: Response): Promise<void>;
}

/** Notes on the response, for the audit trail, that the agency rule refused the request (whatever the answer then says). */
export function noteDenial(res: Response, principal: Pick<Principal, 'agency'>, programmeId: string): void {
  const note = accessNoteOf(res);
  if (note) note.denied = `agency ${principal.agency} does not participate in programme ${programmeId}`;
}

/** Which programmes a caller sees in a list: every one, or these. */
export type VisibleProgrammes = { readonly all: true } | { readonly all: false; readonly programmeIds: readonly string[] };

/**
 * The agency rule (agency-policy.ts) applied with one service's directory.
 * A refusal is answered exactly like an object that does not exist (the
 * AggregateStore's "<what> <id> does not exist"), so that a caller learns
 * nothing about other agencies' children, and is noted on the response for
 * the audit trail with its reason (no personal data: the agency, the
 * programme).
 */
export class AgencyGate {
  constructor(
    readonly policy: AgencyPolicy,
    private readonly directory: ProgrammeDirectory,
  ) {}

  /**
   * Whether the caller may act on the objects of the programme. A programme
   * this service has not learnt yet (its `programme.created.v1` still on its
   * way) has no list to check: it is treated as open, as one from before the
   * lists, for the seconds the event takes; refusing would answer the
   * creator's own next call (escorts right after scheduling a flight) 404.
   * Lists show only programmes the service knows.
   */
  async mayActIn(principal: Principal, programmeId: string): Promise<boolean> {
    if (isOperator(this.policy, principal)) return true;
    const found = await this.directory.participantsOf(programmeId);
    return participates(this.policy, principal, found?.participants);
  }

  /** The programmes whose objects a list may show the caller. */
  async visibleProgrammes(principal: Principal): Promise<VisibleProgrammes> {
    if (isOperator(this.policy, principal)) return { all: true };
    const programmes = await this.directory.all();
    return { all: false, programmeIds: programmes.filter((p) => participates(this.policy, principal, p.participants)).map((p) => p.programmeId) };
  }

  /** A mongo filter on the objects' programme field for a list, or `{}` for a caller who sees all. */
  async listFilter(principal: Principal, field = 'programmeId'): Promise<Record<string, unknown>> {
    const visible = await this.visibleProgrammes(principal);
    return visible.all ? {} : { [field]: { $in: visible.programmeIds } };
  }

  /** A list's own filter narrowed to the programmes the caller sees (`$and`). */
  async restrict(principal: Principal, filter: Record<string, unknown>, field = 'programmeId'): Promise<Record<string, unknown>> {
    const own = await this.listFilter(principal, field);
    if (Object.keys(own).length === 0) return filter;
    return Object.keys(filter).length === 0 ? own : { $and: [filter, own] };
  }

  /**
   * 404 as `<what> <id> does not exist` unless the caller may act in the
   * programme. Records the refusal's reason for the audit trail.
   */
  async assertMayActIn(req: Request, res: Response, programmeId: string, what: string, id: string): Promise<void> {
    const principal = principalOf(req);
    if (await this.mayActIn(principal, programmeId)) return;
    throw this.hidden(res, principal, programmeId, what, id);
  }

  /** The refusal: noted for the audit, answered as not found. */
  hidden(res: Response, principal: Principal, programmeId: string, what: string, id: string): NotFoundError {
    noteDenial(res, principal, programmeId);
    return new NotFoundError(`${what} ${id} does not exist`);
  }

  /**
   * The scope of routes whose path names one object (`:caseId`,
   * `:movementId`): `find` answers its programme, `null` when there is no
   * such object. An object that does not exist is answered 404 here too,
   * before validation, for everyone: otherwise a command with a bad body
   * would answer 400 for a missing object and 404 for another agency's, and
   * tell them apart. An object of no known programme (a copy from before the
   * lists) is open, as its programme would be.
   */
  scope(what: string, param: string, find: (id: string) => Promise<{ programmeId?: string | undefined } | null>): ObjectScope {
    return {
      object: what,
      parameter: param,
      check: async (req, res) => {
        const id = req.params[param];
        if (typeof id !== 'string') return;
        const principal = principalOf(req);
        const found = await find(id);
        if (found === null) throw new NotFoundError(`${what} ${id} does not exist`);
        if (found.programmeId === undefined || isOperator(this.policy, principal)) return;
        if (!(await this.mayActIn(principal, found.programmeId))) throw this.hidden(res, principal, found.programmeId, what, id);
      },
    };
  }
}
