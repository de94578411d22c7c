import { Kafka, logLevel, type LogEntry, type KafkaConfig } from 'kafkajs';

export interface LoggerLike {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface KafkaOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logger: LoggerLike;
  readonly ssl?: KafkaConfig['ssl'];
  readonly sasl?: KafkaConfig['sasl'];
  /** Overrides the default (about 30 s of retries); a check that a refused connection stays refused need not wait that long. */
  readonly retry?: KafkaConfig['retry'];
}

/** kafkajs logs through the service's logger, so broker trouble shows up with the trace ids. */
export function createKafka(options: KafkaOptions): Kafka {
  if (options.brokers.length === 0) throw new Error('createKafka: at least one broker is required');
  const { logger } = options;
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...(options.ssl === undefined ? {} : { ssl: options.ssl }),
    ...(options.sasl === undefined ? {} : { sasl: options.sasl }),
    connectionTimeout: 3_000,
    retry: options.retry ?? { initialRetryTime: 200, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, label, log }: LogEntry) => {
        const { message, ...extra } = log;
        const entry = { component: 'kafkajs', label, ...extra };
        if (level === logLevel.ERROR) logger.error(entry, message);
        else if (level === logLevel.WARN) logger.warn(entry, message);
        else if (level === logLevel.INFO) logger.info(entry, message);
        else logger.debug(entry, message);
      },
  });
}

/** Tests and parallel stacks share one broker; every topic name carries the deployment's prefix. */
export function physicalTopic(prefix: string, logical: string): string {
  return prefix ? `${prefix}.${logical}` : logical;
}
