import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be sent (server-side request forgery: the URL is an
 * admin's input, and the service runs inside the deployment's network).
 *
 * - https only; plain http only to a loopback address in development (a
 *   receiver on the developer's own machine), never at any data level in
 *   production;
 * - in production, never to a loopback, private, shared (CGNAT),
 *   link-local (which holds the cloud metadata services, 169.254.169.254 and
 *   fd00:ec2::254), multicast or reserved address, nor to a metadata host
 *   name. The URL's host is checked when the subscription is written and
 *   every address its name resolves to is checked again at each send, on the
 *   address the connection then uses (DNS rebinding).
 */
export interface WebhookAddressPolicy {
  readonly production: boolean;
}

const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const METADATA_HOSTS: ReadonlySet<string> = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:10.0.0.1`), else the address itself. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Whether an address is loopback (127.0.0.0/8, ::1). */
export function isLoopbackAddress(address: string): boolean {
  const { address: plain, family } = unmapped(address);
  return loopback.check(plain, family);
}

/** Whether an address is inside the deployment or the machine: loopback, private, link-local, metadata, multicast, reserved. */
export function isInternalAddress(address: string): boolean {
  const { address: plain, family } = unmapped(address);
  return internal.check(plain, family) || loopback.check(plain, family);
}

/** The host of a URL without IPv6 brackets, lower-case and without a trailing dot. */
const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** Why the service may not send to this URL, or `undefined` when it may (checked when a subscription is written). */
export function webhookUrlProblem(raw: string, policy: WebhookAddressPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not carry credentials; the signature authenticates the sender';
  const host = hostOf(url);
  const literal = isIP(host) !== 0;
  if (url.protocol === 'http:') {
    if (policy.production) return 'must use https';
    if (isLocalhostName(host) || (literal && isLoopbackAddress(host))) return undefined;
    return 'must use https (plain http only to a loopback address, in development)';
  }
  if (url.protocol !== 'https:') return 'must use https';
  if (!policy.production) return undefined;
  if (isLocalhostName(host) || METADATA_HOSTS.has(host)) return `must not name ${host}, a host inside the deployment`;
  if (literal && isInternalAddress(host)) return `must not name ${host}, a loopback, private, link-local or metadata address`;
  return undefined;
}

/** Why the service may not connect to this resolved address for this URL, or `undefined` when it may (checked at each send). */
export function resolvedAddressProblem(url: URL, address: string, policy: WebhookAddressPolicy): string | undefined {
  if (url.protocol === 'http:' && !policy.production && isLoopbackAddress(address)) return undefined;
  if (url.protocol === 'http:') return `${hostOf(url)} resolves to ${address}: plain http goes only to a loopback address, in development`;
  if (policy.production && isInternalAddress(address)) return `${hostOf(url)} resolves to ${address}, a loopback, private, link-local or metadata address`;
  return undefined;
}
