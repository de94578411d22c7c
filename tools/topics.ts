import { parseArgs } from 'node:util';
import { commonEnv, kafkaSecurityOf, loadConfig, transportSecurityEnv } from '@homeward/config';
import { applyTopics, createKafka, TOPIC_CATALOG, type TopicOutcome } from '@homeward/messaging';

const usage = `usage: npm run topics -- apply [--dry-run] [--replication-factor N] [--prefix P]

Creates Homeward's topics from the one declared list (libs/messaging/src/topics/topic-catalog.ts):
partitions, replication factor, retention.ms and min.insync.replicas; sets the configs of existing
topics; reports partitions or replication factors that differ (never changes them) and then fails.

  --dry-run                 print what would change, change nothing
  --replication-factor N    instead of the declared factor (a development cluster of fewer brokers)
  --prefix P                topic prefix (default HOMEWARD_TOPIC_PREFIX)
  -h, --help                this text

Kafka is reached as the services reach it: KAFKA_BROKERS, KAFKA_SSL*, KAFKA_SASL_* (an operator's user).`;

class UsageError extends Error {}

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        'replication-factor': { type: 'string' },
        prefix: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true as const };
  if (positionals.length !== 1 || positionals[0] !== 'apply') {
    throw new UsageError(positionals.length === 0 ? 'a command is required: apply' : `unknown command '${positionals.join(' ')}'; expected apply`);
  }
  const factor = values['replication-factor'];
  if (factor !== undefined && !/^[1-9]\d{0,1}$/.test(factor)) throw new UsageError(`--replication-factor must be a whole number from 1 to 99, not '${factor}'`);
  return { help: false as const, dryRun: values['dry-run'], replicationFactor: factor === undefined ? undefined : Number(factor), prefix: values.prefix };
}

const describe = (o: TopicOutcome): string => {
  switch (o.action) {
    case 'configured':
    case 'would-configure':
      return `${o.action.padEnd(15)} ${o.topic}  ${o.changes.join(' ')}`;
    case 'differs':
      return `${o.action.padEnd(15)} ${o.topic}  ${o.differences.join('; ')} (not changed: needs a migration)`;
    default:
      return `${o.action.padEnd(15)} ${o.topic}`;
  }
};

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`topics: ${error.message} (--help for usage)`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  let config;
  try {
    config = loadConfig({ ...commonEnv, ...transportSecurityEnv });
  } catch (error) {
    console.error(`topics: ${(error as Error).message}`);
    return 2;
  }
  const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'homeward-topics', logger: quiet, ...kafkaSecurityOf(config) });
  try {
    const outcomes = await applyTopics(kafka, TOPIC_CATALOG, {
      prefix: args.prefix ?? config.HOMEWARD_TOPIC_PREFIX,
      dryRun: args.dryRun,
      ...(args.replicationFactor === undefined ? {} : { replicationFactor: args.replicationFactor }),
    });
    for (const outcome of outcomes) console.log(describe(outcome));
    const differing = outcomes.filter((o) => o.action === 'differs').length;
    console.log(`${outcomes.length} topics, ${differing} differing from the catalogue`);
    return differing === 0 ? 0 : 1;
  } catch (error) {
    console.error(`topics: ${(error as Error).message}`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
