import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { resolvedAddressProblem, type WebhookAddressPolicy } from '../domain/webhook-address';
import { webhookSignatureHeader } from './webhook-signature';

export interface WebhookOutcome {
  readonly ok: boolean;
  readonly statusCode?: number | undefined;
  readonly error?: string | undefined;
  readonly durationMs: number;
}

/** Every address a host name resolves to (the system resolver by default; tests give their own). */
export type ResolveHost = (hostname: string) => Promise<readonly LookupAddress[]>;

const systemResolver: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

export interface WebhookRequest {
  readonly url: string;
  /** The current secret first, then the previous one while a rotation's overlap lasts: one signature each. */
  readonly secrets: readonly string[];
  readonly id: string;
  readonly body: string;
  readonly timeoutMs: number;
  readonly policy: WebhookAddressPolicy;
  readonly resolve?: ResolveHost;
}

/** A refusal to connect, before any packet leaves for the address. */
class AddressRefused extends Error {
  override readonly name = 'AddressRefused';
}

/**
 * The connection's own lookup: the addresses the name resolves to now are
 * checked, and the socket connects to the one checked, so a name that
 * resolved to a public address when the subscription was written and to an
 * internal one now (DNS rebinding) is refused without a connection.
 */
function guardedLookup(url: URL, policy: WebhookAddressPolicy, resolve: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = addresses.filter((a) => !options.family || a.family === options.family);
        const refused = wanted.map((a) => resolvedAddressProblem(url, a.address, policy)).find((p) => p !== undefined);
        if (refused) return callback(new AddressRefused(refused), '', 0);
        if (wanted.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, wanted);
        return callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** One signed POST; any 2xx is success, anything else (status, timeout, refused connection or address) a failure to retry. */
export async function sendWebhook(request: WebhookRequest): Promise<WebhookOutcome> {
  const started = Date.now();
  const url = new URL(request.url);
  const failed = (error: string): WebhookOutcome => ({ ok: false, error, durationMs: Date.now() - started });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // An address in the URL itself is never looked up: check it here.
  if (isIP(host) !== 0) {
    const problem = resolvedAddressProblem(url, host, request.policy);
    if (problem) return failed(`AddressRefused: ${problem}`);
  }
  const options: RequestOptions = {
    method: 'POST',
    lookup: guardedLookup(url, request.policy, request.resolve ?? systemResolver),
    agent: false,
    timeout: request.timeoutMs,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(request.body),
      'webhook-id': request.id,
      'webhook-timestamp': String(Math.floor(started / 1000)),
      'webhook-signature': webhookSignatureHeader(request.secrets, request.id, new Date(started), request.body),
    },
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    // Redirects are not followed: a 3xx is a failure like any other non-2xx.
    const req = send(url, options, (res) => {
      res.resume();
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        resolve({ ok, statusCode: status, ...(ok ? {} : { error: `endpoint answered ${status}` }), durationMs: Date.now() - started });
      });
      res.on('error', (error) => resolve(failed(`${error.name}: ${error.message}`)));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${request.timeoutMs} ms`), { name: 'TimeoutError' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve(failed(`${error.name}: ${error.message}${error.code ? ` (${error.code})` : ''}`)));
    req.end(request.body);
  });
}
