import type { Request, RequestHandler, Response } from 'express';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import type { AuditTrail } from './audit-trail';

/** A route as the API router registered it: the template recorded instead of the path asked for. */
export interface RouteTemplate {
  readonly method: string;
  readonly path: string;
  readonly permission: string | undefined;
}

/** 401s audited at once beyond which more are dropped (and counted in the log): a flood of bad tokens must not grow memory without bound. */
const MAX_PENDING = 200;
const ISSUER = /^[\x21-\x7e]{1,200}$/;

/**
 * Records every request refused for want of a valid token (401), mounted
 * before authentication: nobody is known, so the record says only what was
 * asked for (the route template, never the path or the query, with the case
 * its template names), why it was refused (the challenge's description), the
 * issuer an unverified token claims, the request id and the time. Never the
 * token, nor anything else from it.
 */
export function unauthenticatedAuditMiddleware(
  trail: AuditTrail,
  logger: Logger,
  requestIdOf: (req: Request) => string,
  routes: () => readonly RouteTemplate[],
): RequestHandler {
  let pending = 0;
  let dropped = 0;
  return (req, res, next) => {
    res.on('finish', () => {
      if (res.statusCode !== 401) return;
      if (pending >= MAX_PENDING) {
        if (dropped++ % 1000 === 0) logger.warn({ dropped }, 'too many unauthenticated requests at once: some are not audited');
        return;
      }
      const route = matchRoute(routes(), req.method, req.path);
      const caseId = route ? paramOf(route.path, req.path, 'caseId') : undefined;
      const claimedIssuer = issuerClaimedBy(req.get('authorization'));
      const reason = reasonOf(res);
      pending++;
      trail
        .append({
          actor: { userId: 'unauthenticated', roles: [], agency: 'unknown' },
          action: 'unauthenticated',
          operation: `${req.method.toUpperCase()} ${route?.path ?? '(no such route)'}`,
          permission: route?.permission ?? 'none',
          ...(caseId ? { caseId } : {}),
          fields: [],
          status: 401,
          requestId: requestIdOf(req),
          ...(reason ? { reason } : {}),
          ...(claimedIssuer ? { claimedIssuer } : {}),
          at: new Date().toISOString(),
        })
        .catch((error: unknown) => logger.error({ err: error, requestId: requestIdOf(req) }, 'audit record of an unauthenticated request could not be written'))
        .finally(() => pending--);
    });
    next();
  };
}

/** The registered route the request would have reached; undefined when none would. */
export function matchRoute(routes: readonly RouteTemplate[], method: string, path: string): RouteTemplate | undefined {
  const asked = segmentsOf(path);
  return routes.find((route) => {
    if (route.method.toLowerCase() !== method.toLowerCase()) return false;
    const template = segmentsOf(route.path);
    return template.length === asked.length && template.every((segment, i) => (segment.startsWith(':') ? asked[i]!.length > 0 : segment === asked[i]));
  });
}

function paramOf(template: string, path: string, name: string): string | undefined {
  const at = segmentsOf(template).indexOf(`:${name}`);
  const value = at >= 0 ? segmentsOf(path)[at] : undefined;
  // A case id is a UUID: anything else the caller typed there is not recorded.
  return value && /^[0-9a-f-]{36}$/i.test(value) ? value : undefined;
}

const segmentsOf = (path: string) => path.split('/').filter((s, i) => i > 0 || s !== '');

/** RFC 6750: the challenge's error_description, or that no token was sent. */
function reasonOf(res: Response): string | undefined {
  const challenge = String(res.getHeader('www-authenticate') ?? '');
  const described = /error_description="([^"]{1,200})"/.exec(challenge)?.[1];
  if (described) return described;
  const error = /error="([^"]{1,50})"/.exec(challenge)?.[1];
  return error ?? (challenge ? 'no bearer token' : undefined);
}

function issuerClaimedBy(header: string | undefined): string | undefined {
  const token = /^Bearer +(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) return undefined;
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' && ISSUER.test(iss) ? iss : undefined;
  } catch {
    return undefined;
  }
}
