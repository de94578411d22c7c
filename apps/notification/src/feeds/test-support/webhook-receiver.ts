import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Whether the signature verified (Standard Webhooks), checked on arrival. */
  readonly verified: boolean;
  readonly answered: number;
}

/**
 * Verifies a request as the Standard Webhooks specification tells a
 * receiver to, written from the specification and independent of the
 * service's signing code: the three headers present, the timestamp within
 * five minutes, and one of the space-separated `v1,<base64>` signatures equal
 * (in constant time) to HMAC-SHA256 of `id.timestamp.body` under the base64
 * bytes after `whsec_`.
 */
export function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, body: string, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  if (!secret.startsWith('whsec_')) return false;
  const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(`${id}.${timestamp}.${body}`).digest();
  return signatures.split(' ').some((candidate) => {
    const [version, value] = candidate.split(',', 2);
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** A real HTTP endpoint on a free loopback port that records and verifies what it receives, answering the status it is told to. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** What the next requests are answered. */
  status = 200;
  secret = '';

  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = this.status;
      this.received.push({ headers: req.headers, body, verified: verifyStandardWebhook(this.secret, req.headers, body), answered });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'failing on purpose');
    });
  });

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/hooks/homeward`;
  }

  /** Bodies the endpoint accepted, parsed, in arrival order. */
  accepted(): Array<Record<string, unknown>> {
    return this.received.filter((r) => r.answered < 300).map((r) => JSON.parse(r.body) as Record<string, unknown>);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
