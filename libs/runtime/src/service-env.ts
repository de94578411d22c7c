import { z } from 'zod';
import { commonEnv, loadConfig, port } from '@homeward/config';
import { privacyEnv } from '@homeward/privacy';

/** The environment of one service: the shared variables, the privacy layer's keys, its port and database. */
export function loadServiceConfig(service: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    {
      ...commonEnv,
      ...privacyEnv,
      PORT: port(defaultPort),
      MONGO_DB: z.string().regex(/^[a-zA-Z0-9_-]{1,60}$/).default(`homeward_${service}`),
      KAFKA_GROUP_ID: z.string().min(1).default(`homeward-${service}`),
    },
    env,
  );
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;
