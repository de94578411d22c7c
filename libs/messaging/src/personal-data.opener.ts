import type { EventEnvelope } from '@homeward/contracts';
import { EVENT_PERSONAL_PATH, eventPersonalPath, eventSubjectId, type PersonalDataCodec } from '@homeward/persistence';
import { isErased } from '@homeward/privacy';

/** An envelope whose personal part is open, or `erased` when the child's key was deleted. */
export type OpenedEnvelope = { readonly envelope: EventEnvelope; readonly erased: boolean };

/**
 * Opens the sealed personal part of a consumed event (the relay publishes it
 * sealed, as the outbox holds it), so that the contract validates, and the
 * handler sees, the plain data.
 */
export async function openEventEnvelope(codec: PersonalDataCodec | undefined, envelope: EventEnvelope): Promise<OpenedEnvelope> {
  const data = envelope.data as Record<string, unknown> | null;
  if (!codec || typeof data !== 'object' || data === null || data[EVENT_PERSONAL_PATH] === undefined) return { envelope, erased: false };
  const personal = await codec.open(eventSubjectId(data, envelope.subject), eventPersonalPath, data[EVENT_PERSONAL_PATH]);
  return { envelope: { ...envelope, data: { ...data, [EVENT_PERSONAL_PATH]: personal } }, erased: isErased(personal) };
}
