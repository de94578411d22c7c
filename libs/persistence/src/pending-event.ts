/**
 * An event written in the same document write as the change that caused it,
 * waiting for the relay to publish it (DESIGN "Guarantees": no event lost,
 * none published for a change that did not commit). Opaque to persistence:
 * the messaging lib builds and publishes it.
 */
export interface PendingEvent {
  readonly id: string;
  readonly type: string;
  /** Logical topic, without the deployment's topic prefix. */
  readonly topic: string;
  readonly key: string;
  readonly source: string;
  readonly subject: string;
  readonly time: string;
  readonly dataschema: string;
  readonly correlationid: string;
  readonly causationid?: string;
  readonly data: unknown;
  /** W3C trace context of the request or message that caused the change. */
  readonly trace: Record<string, string>;
}
