import { createInterface } from 'node:readline/promises';
import { commonEnv, kafkaSecurityOf, loadConfig, transportSecurityEnv } from '@homeward/config';
import { deadLetterTopic } from '@homeward/contracts';
import { createKafka, DeadLetterAdmin, deadLetterRef, physicalTopic, type DeadLetter } from '@homeward/messaging';
import { serviceNames } from '@homeward/testing';

/**
 * `npm run dlq -- list|show|replay|purge`: what the services could never
 * process, why, and a way to send it back once the cause is fixed.
 *   list [--service S]          every dead letter, one line each
 *   show <topic:partition:offset>   one dead letter in full (headers; the value with --value)
 *   replay <ref> | --all [--service S]   back to the original topic
 *   purge --service S [--yes]   delete a service's dead letters (asks first)
 */
const usage = 'usage: npm run dlq -- list [--service S] | show <topic:partition:offset> [--value] | replay <ref>|--all [--service S] | purge --service S [--yes]';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flag = (name: string) => rest.includes(`--${name}`);
  const option = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const positional = rest.find((a, i) => !a.startsWith('--') && !rest[i - 1]?.startsWith('--service'));
  // The same KAFKA_* variables as the services: against a secured cluster, give it an operator's user.
  const config = loadConfig({ ...commonEnv, ...transportSecurityEnv });
  const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };
  const admin = new DeadLetterAdmin(createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'homeward-dlq', logger: quiet, ...kafkaSecurityOf(config) }));
  const service = option('service');
  if (service !== undefined && !(serviceNames as readonly string[]).includes(service)) {
    console.error(`unknown service '${service}'; one of ${serviceNames.join(', ')}`);
    return 2;
  }
  const topics = (service ? [service] : [...serviceNames]).map((s) => physicalTopic(config.HOMEWARD_TOPIC_PREFIX, deadLetterTopic(s)));
  const all = async () => (await Promise.all(topics.map((t) => admin.list(t)))).flat();
  const byRef = async (ref: string | undefined): Promise<DeadLetter | undefined> => {
    if (!ref) return undefined;
    const topic = ref.split(':')[0]!;
    return (await admin.list(topic)).find((d) => deadLetterRef(d) === ref);
  };

  switch (command) {
    case 'list': {
      const letters = await all();
      for (const d of letters) {
        console.log(`${deadLetterRef(d)}  ${d.failedAt}  ${d.eventType || '(no type)'} key=${d.key ?? '-'}  from ${d.originalTopic}:${d.originalPartition}:${d.originalOffset} (${d.consumerGroup})  ${d.errorClass}: ${d.errorMessage}`);
      }
      console.log(`${letters.length} dead letter(s) in ${topics.join(', ')}`);
      return 0;
    }
    case 'show': {
      const letter = await byRef(positional);
      if (!letter) return notFound(positional);
      const { value, headers, ...summary } = letter;
      console.log(JSON.stringify({ ...summary, headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])) }, null, 2));
      // The value is the original event and may hold personal data: only on request.
      if (flag('value')) console.log(value?.toString('utf8') ?? '(no value)');
      return 0;
    }
    case 'replay': {
      const letters = flag('all') ? await all() : [await byRef(positional)].filter((d): d is DeadLetter => d !== undefined);
      if (letters.length === 0) return notFound(positional);
      for (const letter of letters) {
        await admin.replay(letter);
        console.log(`replayed ${deadLetterRef(letter)} to ${letter.originalTopic}`);
      }
      console.log('Replayed messages stay in the dead-letter topic until purged; consumers skip events they already processed.');
      return 0;
    }
    case 'purge': {
      if (!service) {
        console.error('purge needs --service S');
        return 2;
      }
      const count = (await admin.list(topics[0]!)).length;
      if (!flag('yes') && !(await confirm(`Delete ${count} dead letter(s) of ${service} for good? [y/N] `))) {
        console.log('nothing deleted');
        return 1;
      }
      console.log(`deleted ${await admin.purge(topics[0]!)} dead letter(s) from ${topics[0]}`);
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

function notFound(ref: string | undefined): number {
  console.error(ref ? `no dead letter ${ref}` : usage);
  return ref ? 1 : 2;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    console.error('not a terminal: confirm with --yes');
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
