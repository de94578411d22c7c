import type { KafkaMessage, Producer } from 'kafkajs';

export interface DeadLetterOrigin {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

/**
 * Sends a message that can never be processed to the service's dead-letter
 * topic, unchanged (so a replay re-delivers exactly what failed; personal data
 * stays in whatever protected form it had), with where it came from and why.
 */
export async function sendToDeadLetter(
  producer: Producer,
  deadLetterTopic: string,
  origin: DeadLetterOrigin,
  error: unknown,
  consumerGroup: string,
): Promise<void> {
  const failure = error instanceof Error ? error : new Error(String(error));
  await producer.send({
    topic: deadLetterTopic,
    acks: -1,
    messages: [
      {
        key: origin.message.key,
        value: origin.message.value,
        headers: {
          ...origin.message.headers,
          'dlq-original-topic': origin.topic,
          'dlq-original-partition': String(origin.partition),
          'dlq-original-offset': origin.message.offset,
          'dlq-original-key': origin.message.key?.toString('utf8') ?? '',
          'dlq-consumer-group': consumerGroup,
          'dlq-error-class': failure.name,
          // The error message, never the payload: messages are written by us
          // and name fields and rules, not their values.
          'dlq-error-message': failure.message.slice(0, 1000),
          'dlq-failed-at': new Date().toISOString(),
        },
      },
    ],
  });
}
