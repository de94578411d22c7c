import { z } from 'zod';

/**
 * CloudEvents 1.0 attributes of every Homeward event, plus the correlation and
 * causation ids that tie a chain of events to the request that started it.
 * On Kafka the attributes travel as `ce_*` headers (binary content mode) and
 * the value is the JSON of `data`; see kafka-binding.ts.
 */
export const EventAttributes = z.object({
  specversion: z.literal('1.0').describe('CloudEvents specification version.'),
  id: z.uuid().describe('Unique id of this event; consumers deduplicate on it.'),
  source: z.string().min(1).describe('URI reference of the producing service, e.g. /homeward/intake.'),
  type: z.string().regex(/^[a-z-]+(\.[a-z-]+)+\.v\d+$/).describe('Versioned event type, <entity>.<past-tense>.v<N>.'),
  subject: z.string().min(1).describe('Id of the aggregate the event is about (case id or movement id); also the Kafka key.'),
  time: z.iso.datetime({ offset: true }).describe('When the change happened, RFC 3339 in UTC.'),
  dataschema: z.string().min(1).describe('URI of the JSON Schema of data.'),
  datacontenttype: z.literal('application/json').describe('Media type of data.'),
  correlationid: z.string().min(1).describe('Id shared by every event caused, directly or not, by one command.'),
  causationid: z.string().min(1).optional().describe('Id of the event or request that directly caused this event.'),
});
export type EventAttributes = z.infer<typeof EventAttributes>;

export type EventEnvelope<TData = unknown> = EventAttributes & { data: TData };
