import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret in the Standard Webhooks format: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * The `webhook-signature` header of a message (Standard Webhooks,
 * https://www.standardwebhooks.com/), signed by the `standardwebhooks`
 * package: one `v1,<base64>` signature per secret, space-separated, so that
 * during a secret's rotation a receiver that knows either secret verifies it.
 */
export function webhookSignatureHeader(secrets: readonly string[], id: string, timestamp: Date, body: string): string {
  if (secrets.length === 0) throw new Error('a webhook is signed with at least one secret');
  return secrets.map((secret) => new Webhook(secret).sign(id, timestamp, body)).join(' ');
}
