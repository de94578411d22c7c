import { randomUUID } from 'node:crypto';
import { subjectField, type EventData, type EventDefinition } from '@homeward/contracts';
import type { PendingEvent } from '@homeward/persistence';
import { captureTraceContext } from '@homeward/telemetry';

export interface Causation {
  /** Shared by every event one command causes; the request id for a command. */
  readonly correlationid: string;
  /** The event or request that directly caused this one. */
  readonly causationid?: string;
}

export type EventFactory = <TDef extends EventDefinition>(
  definition: TDef,
  data: EventData<TDef>,
  causation: Causation,
) => PendingEvent;

/**
 * Builds pending events for one service. The data is checked against the
 * contract here, at the source, so a service can never publish an event its
 * consumers would dead-letter; the active trace context is kept with the event
 * so the relay continues the request's trace.
 */
export function createEventFactory(source: string, now: () => Date = () => new Date()): EventFactory {
  return (definition, data, causation) => {
    const parsed = definition.schema.parse(data) as Record<string, unknown>;
    const field = subjectField(definition.keyedBy);
    const subject = parsed[field];
    if (typeof subject !== 'string') {
      throw new Error(`${definition.type}: data.${field} is the Kafka key and must be a string`);
    }
    return {
      id: randomUUID(),
      type: definition.type,
      topic: definition.topic,
      key: subject,
      source,
      subject,
      time: now().toISOString(),
      dataschema: definition.dataschema,
      correlationid: causation.correlationid,
      ...(causation.causationid ? { causationid: causation.causationid } : {}),
      data: parsed,
      trace: captureTraceContext(),
    };
  };
}
