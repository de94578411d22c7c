import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './load-config';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

/**
 * TLS and SASL/SCRAM for the service's Kafka and MongoDB connections. Each
 * service process has its own environment, so each has its own credentials.
 * Local development stays on plaintext loopback: everything is off by default.
 */
export const transportSecurityEnv = {
  KAFKA_SSL: flag.describe('TLS to the brokers.'),
  KAFKA_SSL_CA_FILE: z.string().min(1).optional().describe('PEM file of the CA that signed the brokers\' certificates (default: the system CAs).'),
  KAFKA_SASL_MECHANISM: z.enum(['scram-sha-256', 'scram-sha-512', 'plain']).optional().describe('SASL mechanism; SCRAM unless the brokers only offer PLAIN over TLS.'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  MONGO_TLS: flag.describe('TLS to MongoDB.'),
  MONGO_TLS_CA_FILE: z.string().min(1).optional().describe('PEM file of the CA of the database servers.'),
  MONGO_USERNAME: z.string().min(1).optional(),
  MONGO_PASSWORD: z.string().min(1).optional(),
  MONGO_AUTH_MECHANISM: z.enum(['SCRAM-SHA-256', 'SCRAM-SHA-1']).default('SCRAM-SHA-256'),
  MONGO_AUTH_SOURCE: z.string().min(1).default('admin'),
};

type TransportEnv = z.infer<z.ZodObject<typeof transportSecurityEnv>>;

const refuse = (variable: string, why: string): never => {
  throw new ConfigError([variable], `Invalid configuration:\n  ${variable}: ${why}`);
};

const readCa = (variable: string, file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return refuse(variable, `cannot read ${file} (${(error as Error).message})`);
  }
};

type SaslMechanism = 'scram-sha-256' | 'scram-sha-512' | 'plain';

export interface KafkaSecurity {
  readonly ssl?: boolean | { ca: string[] };
  // One member per mechanism, as kafkajs declares SASLOptions: then this is its `sasl` option as is.
  readonly sasl?: { [M in SaslMechanism]: { mechanism: M; username: string; password: string } }[SaslMechanism];
}

/** kafkajs `ssl` and `sasl` options from the environment. */
export function kafkaSecurityOf(env: TransportEnv): KafkaSecurity {
  const ssl = env.KAFKA_SSL ? (env.KAFKA_SSL_CA_FILE ? { ca: [readCa('KAFKA_SSL_CA_FILE', env.KAFKA_SSL_CA_FILE)] } : true) : undefined;
  if (!env.KAFKA_SASL_MECHANISM) return ssl === undefined ? {} : { ssl };
  if (!env.KAFKA_SASL_USERNAME) refuse('KAFKA_SASL_USERNAME', `required with KAFKA_SASL_MECHANISM=${env.KAFKA_SASL_MECHANISM}`);
  if (!env.KAFKA_SASL_PASSWORD) refuse('KAFKA_SASL_PASSWORD', `required with KAFKA_SASL_MECHANISM=${env.KAFKA_SASL_MECHANISM}`);
  if (env.KAFKA_SASL_MECHANISM === 'plain' && !ssl) refuse('KAFKA_SASL_MECHANISM', 'plain sends the password in clear: use it only with KAFKA_SSL=true');
  return {
    ...(ssl === undefined ? {} : { ssl }),
    sasl: { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME!, password: env.KAFKA_SASL_PASSWORD! },
  };
}

export interface MongoSecurity {
  readonly tls?: boolean;
  readonly tlsCAFile?: string;
  readonly auth?: { username: string; password: string };
  readonly authMechanism?: 'SCRAM-SHA-256' | 'SCRAM-SHA-1';
  readonly authSource?: string;
}

/** MongoDB driver options (TLS, SCRAM credentials) from the environment. */
export function mongoSecurityOf(env: TransportEnv): MongoSecurity {
  if (env.MONGO_TLS_CA_FILE) readCa('MONGO_TLS_CA_FILE', env.MONGO_TLS_CA_FILE);
  const tls = env.MONGO_TLS ? { tls: true, ...(env.MONGO_TLS_CA_FILE ? { tlsCAFile: env.MONGO_TLS_CA_FILE } : {}) } : {};
  if (!env.MONGO_USERNAME && !env.MONGO_PASSWORD) return tls;
  if (!env.MONGO_USERNAME) refuse('MONGO_USERNAME', 'required with MONGO_PASSWORD');
  if (!env.MONGO_PASSWORD) refuse('MONGO_PASSWORD', 'required with MONGO_USERNAME');
  return {
    ...tls,
    auth: { username: env.MONGO_USERNAME!, password: env.MONGO_PASSWORD! },
    authMechanism: env.MONGO_AUTH_MECHANISM,
    authSource: env.MONGO_AUTH_SOURCE,
  };
}
