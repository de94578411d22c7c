import type { EventData, EventDefinition } from '../define-event';

/**
 * How data of one version of an event becomes the next version's
 * (oskardudycz's eventsVersioning: old versions stay, readers upcast). `down`
 * exists where the change loses nothing, so that a handler still written
 * against the older version keeps receiving what producers now publish.
 */
export interface EventUpcaster<TFrom extends EventDefinition = EventDefinition, TTo extends EventDefinition = EventDefinition> {
  readonly from: TFrom;
  readonly to: TTo;
  readonly up: (data: EventData<TFrom>) => EventData<TTo>;
  readonly down?: (data: EventData<TTo>) => EventData<TFrom>;
}

export function defineUpcaster<TFrom extends EventDefinition, TTo extends EventDefinition>(
  upcaster: EventUpcaster<TFrom, TTo>,
): EventUpcaster<TFrom, TTo> {
  if (familyOf(upcaster.from.type) !== familyOf(upcaster.to.type) || upcaster.to.version !== upcaster.from.version + 1) {
    throw new Error(`an upcaster goes from one version to the next of one event, not ${upcaster.from.type} → ${upcaster.to.type}`);
  }
  return upcaster;
}

/** The event type without its version: `case.registered.v2` → `case.registered`. */
export function familyOf(type: string): string {
  return type.replace(/\.v\d+$/, '');
}
