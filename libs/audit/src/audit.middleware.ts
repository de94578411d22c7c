import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { accessNoteOf, maybePrincipalOf, PURPOSE_HEADER } from '@homeward/auth';
import type { AuditTrail } from './audit-trail';

/**
 * Records every API call the router noted, once its answer is sent: who
 * (subject, roles, agency), what (operation, case, the names of the fields),
 * why (the stated purpose), when (UTC) and the request id. A refusal (403) is
 * recorded as `denied` with no fields and its reason, as is a 404 the
 * agency rule answered in place of an object the caller's agency may not
 * see (the reason names the agency and the programme, never the child); other failures read nothing and leave
 * no record. A failed append is logged, never answered: the response is
 * already on its way.
 */
export function auditMiddleware(trail: AuditTrail, logger: Logger, requestIdOf: (req: Parameters<RequestHandler>[0]) => string): RequestHandler {
  return (req, res, next) => {
    res.on('finish', () => {
      const note = accessNoteOf(res);
      const principal = maybePrincipalOf(req);
      if (!note || !principal) return;
      const denied = res.statusCode === 403 || note.denied !== undefined;
      if (!denied && res.statusCode >= 400) return;
      const purpose = req.get(PURPOSE_HEADER)?.trim().slice(0, 200);
      trail
        .append({
          actor: { userId: principal.userId, roles: [...principal.roles], agency: principal.agency },
          action: denied ? 'denied' : note.action,
          operation: note.operation,
          permission: note.permission,
          ...(note.caseId ? { caseId: note.caseId } : {}),
          fields: denied ? [] : note.fields,
          ...(denied ? { reason: note.denied ?? `permission ${note.permission} not held by ${principal.roles.join(', ') || 'no role'}` } : {}),
          ...(purpose ? { purpose } : {}),
          status: res.statusCode,
          requestId: requestIdOf(req),
          at: new Date().toISOString(),
        })
        .catch((error: unknown) => logger.error({ err: error, requestId: requestIdOf(req), operation: note.operation }, 'audit record could not be written'));
    });
    next();
  };
}
