import { z } from 'zod';
import { loadConfig, port } from '@homeward/config';

const DEVELOPMENT_UNSUBSCRIBE_KEY = 'development-only-unsubscribe-key-do-not-use-in-production';
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(
    {
      SMTP_HOST: z.string().min(1).default('127.0.0.1'),
      SMTP_PORT: port(1025),
      SMTP_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
      SMTP_USER: z.string().optional(),
      SMTP_PASSWORD: z.string().optional(),
      MAIL_FROM: z.string().min(3).default('Homeward <no-reply@homeward.example>'),
      // Attempts stay well inside the consumer's 30 s session: a send is retried
      // in place (per-case order), so the whole series must not cost the group its member.
      MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
      MAIL_RETRY_INITIAL_MS: positiveInt(500),
      MAIL_RETRY_MAX_MS: positiveInt(5_000),
      /** HMAC key of the unsubscribe links; at least 32 characters. */
      UNSUBSCRIBE_KEY: z.string().min(32).default(DEVELOPMENT_UNSUBSCRIBE_KEY),
      /** Where guardians reach this service's /unsubscribe from their mail client. */
      NOTIFICATION_PUBLIC_URL: z.url().default('http://127.0.0.1:3004'),
      /**
       * A Mailpit API (development and tests only) that tells whether an e-mail
       * with a given Message-ID was already accepted, so that a send interrupted
       * between SMTP's acceptance and our record is not repeated. Unset in production.
       */
      SENT_MAIL_LOOKUP_URL: z.url().optional(),
    },
    env,
  );
  if (env['NODE_ENV'] === 'production' && config.UNSUBSCRIBE_KEY === DEVELOPMENT_UNSUBSCRIBE_KEY) {
    throw new Error('UNSUBSCRIBE_KEY: set a secret key in production (the development default is public)');
  }
  return config;
}
export type MailConfig = ReturnType<typeof loadMailConfig>;
