import nodemailer from 'nodemailer';
import { TransientError } from '@homeward/errors';
import { SpanKind } from '@opentelemetry/api';
import { withSpan } from '@homeward/telemetry';
import type { MailConfig } from './mail.config';

export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Stable per delivery, so a resend after a crash is recognisable as the same message. */
  readonly messageId: string;
  readonly language: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): Promise<void>;
}

/** One pooled SMTP transport per service instance, not a connection per e-mail. */
export function createMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 5,
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? '' } } : {}),
    connectionTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return {
    async send(email) {
      await withSpan('smtp send', { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'smtp', 'server.port': config.SMTP_PORT } }, async () => {
        try {
          await transport.sendMail({
            from: config.MAIL_FROM,
            to: email.to,
            subject: email.subject,
            text: email.text,
            html: email.html,
            messageId: email.messageId,
            headers: { 'Content-Language': email.language },
          });
        } catch (error) {
          // SMTP trouble passes (server restarting, greylisting): the consumer retries with backoff.
          throw new TransientError(`SMTP send failed: ${(error as Error).message}`, {}, { cause: error });
        }
      });
    },
    async close() {
      transport.close();
    },
  };
}
