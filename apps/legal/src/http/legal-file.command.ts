import type { Request, Response } from 'express';
import type { EventData, EventDefinition } from '@homeward/contracts';
import { PreconditionFailedError, ValidationError } from '@homeward/errors';
import { requestIdOf } from '@homeward/http';
import { AggregateStore, type Snapshot } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import type { Actor, LegalFileState, Transition } from '../domain/legal-file.state';
import { legalFileView } from '../domain/legal-file.view';
import { registerLegalFileModel, type LegalFileRecord } from '../store/legal-file.model';
import { isRole, principalOf, redact } from '@homeward/auth';
import { legalAgency } from './legal-agency';

/** `If-Match: "3"` (or weak `W/"3"`): the version the client decided on. */
function ifMatchVersion(req: Request): number | undefined {
  const header = req.get('if-match');
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw new ValidationError('The request is invalid.', [{ field: 'headers.if-match', message: 'Expected an ETag of this API, e.g. "3".' }]);
  return Number(match[1]);
}

export const stateOf = ({ _id: _id, version: _version, ...file }: Snapshot<LegalFileRecord>): LegalFileState => file;

export type LegalFileCommands = ReturnType<typeof legalFileCommands>;

/**
 * The one way a command changes a file: read it, let the pure transition
 * decide (or refuse, which changes nothing), then write the new state and its
 * event in one document write on the version read (412 if someone else wrote
 * first, or if the client's If-Match is stale).
 */
export function legalFileCommands(context: ServiceContext) {
  const files = new AggregateStore<LegalFileRecord>(registerLegalFileModel(context.connection));

  async function run<TDef extends EventDefinition>(
    req: Request,
    caseId: string,
    definition: TDef,
    transition: (file: LegalFileState, actor: Actor, now: Date) => Transition<EventData<TDef>>,
  ): Promise<{ actor: Actor; saved: Snapshot<LegalFileRecord> }> {
    const actor = principalOf(req);
    const expected = ifMatchVersion(req);
    const found = await files.get(caseId, 'legal file');
    if (expected !== undefined && expected !== found.version) {
      throw new PreconditionFailedError(`legal file ${caseId} is at version ${found.version}, not ${expected}: reload it and try again`, {
        currentVersion: found.version,
      });
    }
    const { state, event } = transition(stateOf(found), actor, new Date());
    const requestId = requestIdOf(req);
    const pending = context.events(definition, event, { correlationid: requestId, causationid: requestId });
    const saved = await files.update(caseId, found.version, state, [pending], 'legal file');
    context.published();
    return { actor, saved };
  }

  /** Sends the file as this caller may see it (the field policy's redaction of a legal file), with its ETag. */
  function send(res: Response, saved: Snapshot<LegalFileRecord>, roles: readonly string[], status = 200, wrap?: Record<string, string>) {
    const { value: view } = redact('legal-file', roles.filter(isRole), legalFileView(stateOf(saved)));
    res.status(status).setHeader('etag', `"${saved.version}"`).json(wrap ? { ...wrap, file: view } : view);
  }

  const { gate, scope } = legalAgency(context, files);
  return { files, run, send, gate, scope };
}
