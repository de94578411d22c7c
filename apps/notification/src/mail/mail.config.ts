import { z } from 'zod';
import { loadConfig, port } from '@homeward/config';

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      SMTP_HOST: z.string().min(1).default('127.0.0.1'),
      SMTP_PORT: port(1025),
      SMTP_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
      SMTP_USER: z.string().optional(),
      SMTP_PASSWORD: z.string().optional(),
      MAIL_FROM: z.string().min(3).default('Homeward <no-reply@homeward.example>'),
    },
    env,
  );
}
export type MailConfig = ReturnType<typeof loadMailConfig>;
