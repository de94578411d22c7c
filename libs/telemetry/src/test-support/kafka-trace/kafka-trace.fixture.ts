/**
 * Child process of telemetry.int-spec.ts (run with tsx, so OTel's require
 * hooks work). One request produces a message directly and stores a second
 * one in an in-memory outbox with its trace context; a relay poll publishes
 * it later from outside the request. A consumer receives both and records
 * each in MongoDB (SecantusDB locally) through mongoose. Spans go to
 * HOMEWARD_TRACE_FILE, logs to stdout; the test reads both.
 */
import { telemetry } from './instrumentation';
import type { AddressInfo } from 'node:net';
import { ROOT_CONTEXT, context } from '@opentelemetry/api';
import express from 'express';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { createHttpLogger, createLogger } from '../../index';
import { captureTraceContext, runInTraceContext, type TraceCarrier } from '../../trace-context';
import { withSpan } from '../../with-span';

const topic = required('FIXTURE_TOPIC');
const groupId = required('FIXTURE_GROUP');
const database = required('FIXTURE_DATABASE');
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const logger = createLogger('telemetry-fixture', 'info');
// A stand-in for a personal field: the test asserts it appears in no span.
const personal = { names: 'Amina Testchild' };

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'telemetry-fixture', brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId });
  const outbox: { key: string; value: string; trace: TraceCarrier }[] = [];
  const db = await mongoose.createConnection(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017', { dbName: database }).asPromise();
  const Received = db.model('Received', new mongoose.Schema({ caseId: String, via: String, names: String }));

  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });

  const received = new Set<string>();
  const bothReceived = deferred();
  await consumer.run({
    eachMessage: async ({ message }) => {
      const { via } = JSON.parse(String(message.value)) as { via: string };
      await withSpan('handle message', { attributes: { 'homeward.via': via } }, async () => {
        await Received.create({ caseId: String(message.key), via, ...personal });
        logger.info({ via, ...personal }, 'consumed');
      });
      received.add(via);
      if (received.size === 2) bothReceived.resolve();
    },
  });

  const app = express();
  app.use(createHttpLogger(logger));
  app.post('/cases/:id', async (req, res) => {
    const key = req.params.id;
    await producer.send({ topic, messages: [{ key, value: JSON.stringify({ via: 'direct', personal }) }] });
    outbox.push({ key, value: JSON.stringify({ via: 'outbox', personal }), trace: captureTraceContext() });
    res.status(202).json({ accepted: true });
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));

  try {
    const port = (server.address() as AddressInfo).port;
    const response = await fetch(`http://127.0.0.1:${port}/cases/case-1?name=Amina`, { method: 'POST' });
    if (response.status !== 202) throw new Error(`POST /cases answered ${response.status}`);

    // The relay runs outside any request, under its own poll span, as the
    // real outbox relay will; each event must still join its request's trace.
    await context.with(ROOT_CONTEXT, () =>
      withSpan('outbox relay poll', {}, async () => {
        for (const event of outbox.splice(0)) {
          await runInTraceContext(event.trace, () => producer.send({ topic, messages: [{ key: event.key, value: event.value }] }));
        }
      }),
    );
    await withTimeout(bothReceived.promise, 60_000, 'both messages consumed');
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await db.dropDatabase().catch(() => undefined);
    await db.close();
    await telemetry.shutdown();
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

main().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
