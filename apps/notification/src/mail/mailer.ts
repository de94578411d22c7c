import nodemailer from 'nodemailer';
import { HomewardError, TransientError } from '@homeward/errors';
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
  readonly unsubscribeUrl: string;
  /** The milestone: Mailpit files the message under it (X-Tags), which lets the scenario count one milestone's e-mails. */
  readonly milestone: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): Promise<void>;
}

/** The SMTP server refused the message for good (a 5xx reply): trying again cannot help. */
export class SmtpRejectedError extends HomewardError {
  readonly status = 502;
  readonly code = 'smtp-rejected';
  readonly retriable = false;
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
            // RFC 8058 one-click unsubscribe: mail clients show their own button.
            list: { unsubscribe: email.unsubscribeUrl },
            headers: { 'Content-Language': email.language, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Tags': email.milestone },
          });
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode;
          const message = `SMTP send failed: ${(error as Error).message}`;
          if (code !== undefined && code >= 500) throw new SmtpRejectedError(message, { responseCode: code }, { cause: error });
          // Connection trouble and 4xx replies pass (server restarting, greylisting): retried with backoff.
          throw new TransientError(message, {}, { cause: error });
        }
      });
    },
    async close() {
      transport.close();
    },
  };
}
