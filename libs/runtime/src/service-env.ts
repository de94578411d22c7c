import { z } from 'zod';
import { authEnv, authSettingsOf } from '@homeward/auth';
import { commonEnv, loadConfig, port } from '@homeward/config';

/**
 * The environment of one service: the shared variables, token verification
 * (refusing the development issuer in production), its port and database.
 */
export function loadServiceConfig(service: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(
    {
      ...commonEnv,
      ...authEnv,
      PORT: port(defaultPort),
      MONGO_DB: z.string().regex(/^[a-zA-Z0-9_-]{1,60}$/).default(`homeward_${service}`),
      KAFKA_GROUP_ID: z.string().min(1).default(`homeward-${service}`),
    },
    env,
  );
  return { ...config, auth: authSettingsOf(config) };
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;
