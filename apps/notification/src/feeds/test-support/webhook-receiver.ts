import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Whether the signature verified (Standard Webhooks), checked on arrival. */
  readonly verified: boolean;
  readonly answered: number;
}

/**
 * Verifies a request as a receiver would, with the `standardwebhooks`
 * package (not the service's signing code): the three headers present, the
 * timestamp within five minutes, and one of the space-separated signatures
 * matching the secret.
 */
export function verifyStandardWebhook(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const [id, timestamp, signature] = [headers['webhook-id'], headers['webhook-timestamp'], headers['webhook-signature']];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string' || !secret) return false;
  try {
    new Webhook(secret).verify(body, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false;
    throw error;
  }
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

  /** Whether a request received carries a valid signature under this secret (another one than `secret`, e.g. during a rotation). */
  verifies(received: ReceivedWebhook, secret: string): boolean {
    return verifyStandardWebhook(secret, received.headers, received.body);
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
