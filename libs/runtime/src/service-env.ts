import { z } from 'zod';
import { agencyEnv, agencyPolicyOf, authEnv, authSettingsOf } from '@homeward/auth';
import { commonEnv, kafkaSecurityOf, loadConfig, mongoSecurityOf, port, transportSecurityEnv } from '@homeward/config';
import { privacyEnv } from '@homeward/privacy';

/**
 * The environment of one service: the shared variables, the privacy layer's
 * keys, token verification (refusing the development issuer in production),
 * its port and database.
 */
export function loadServiceConfig(service: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(
    {
      ...commonEnv,
      ...privacyEnv,
      ...authEnv,
      ...agencyEnv,
      ...transportSecurityEnv,
      RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200).describe('Requests a minute per token subject and process.'),
      PORT: port(defaultPort),
      MONGO_DB: z.string().regex(/^[a-zA-Z0-9_-]{1,60}$/).default(`homeward_${service}`),
      KAFKA_GROUP_ID: z.string().min(1).default(`homeward-${service}`),
    },
    env,
  );
  return { ...config, auth: authSettingsOf(config), agencies: agencyPolicyOf(config), kafkaSecurity: kafkaSecurityOf(config), mongoSecurity: mongoSecurityOf(config) };
}

export type ServiceConfig = ReturnType<typeof loadServiceConfig>;
