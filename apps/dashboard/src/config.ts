import { z } from 'zod';
import { commonEnv, kafkaSecurityOf, loadConfig, transportSecurityEnv } from '@homeward/config';

const SERVICES = ['intake', 'legal', 'logistics', 'notification', 'dashboard'];

/**
 * The dashboard's own settings, beside the service variables runService
 * reads: whose consumer lag to show and how often the live page is refreshed.
 * Its health panel has a Kafka client of its own, which needs the same TLS
 * and SASL settings as the service's (README "Deployment").
 */
export function loadDashboardConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(
    {
      ...transportSecurityEnv,
      KAFKA_BROKERS: commonEnv.KAFKA_BROKERS,
      HOMEWARD_TOPIC_PREFIX: commonEnv.HOMEWARD_TOPIC_PREFIX,
      DASHBOARD_CONSUMER_GROUPS: z
        .string()
        .default(SERVICES.map((s) => `homeward-${s}`).join(','))
        .transform((s) => s.split(',').map((g) => g.trim()).filter(Boolean))
        .pipe(z.array(z.string().regex(/^[a-zA-Z0-9._-]{1,200}$/, 'expected group ids separated by commas')).min(1)),
      DASHBOARD_REFRESH_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
      DASHBOARD_HEALTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
    },
    env,
  );
  return { ...config, kafkaSecurity: kafkaSecurityOf(config) };
}
export type DashboardConfig = ReturnType<typeof loadDashboardConfig>;

/** Services whose dead-letter topics the health panel counts. */
export const deadLetterServices = SERVICES;
