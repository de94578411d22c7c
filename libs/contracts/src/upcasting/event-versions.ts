import { caseRegisteredV1ToV2 } from './case-registered.upcaster';
import { caseWithdrawnV1ToV2 } from './case-withdrawn.upcaster';
import { familyOf, type EventUpcaster } from './event-upcaster';
import { caseHoldPlacedV1ToV2, caseRejectedV1ToV2, requirementDecidedV1ToV2 } from './legal-reason.upcasters';

/** Every upcaster, one per pair of consecutive versions. A new version of an event adds its upcaster here. */
export const eventUpcasters: readonly EventUpcaster[] = [
  caseRegisteredV1ToV2 as unknown as EventUpcaster,
  requirementDecidedV1ToV2 as unknown as EventUpcaster,
  caseHoldPlacedV1ToV2 as unknown as EventUpcaster,
  caseRejectedV1ToV2 as unknown as EventUpcaster,
  caseWithdrawnV1ToV2 as unknown as EventUpcaster,
];

const upFrom = new Map(eventUpcasters.map((u) => [u.from.type, u]));
const downFrom = new Map(eventUpcasters.map((u) => [u.to.type, u]));

/** Can data of `fromType` be turned into data of `toType` (same event, any direction the upcasters allow)? */
export function canConvertEvent(fromType: string, toType: string): boolean {
  return conversionPath(fromType, toType) !== undefined;
}

/**
 * Converts data of one version of an event to another version of the same
 * event, one step at a time. The data must already satisfy `fromType`'s
 * schema; the result is not re-validated here (the consumer does).
 */
export function convertEventData(fromType: string, toType: string, data: unknown): unknown {
  const path = conversionPath(fromType, toType);
  if (!path) throw new Error(`no upcaster turns ${fromType} into ${toType}`);
  return path.reduce((value, step) => step(value as never), data);
}

type Step = (data: never) => unknown;

function conversionPath(fromType: string, toType: string): Step[] | undefined {
  if (familyOf(fromType) !== familyOf(toType)) return undefined;
  const steps: Step[] = [];
  let type = fromType;
  while (type !== toType) {
    const upward = versionOf(toType) > versionOf(type);
    const upcaster = upward ? upFrom.get(type) : downFrom.get(type);
    const step = upward ? upcaster?.up : upcaster?.down;
    if (!upcaster || !step) return undefined;
    steps.push(step as Step);
    type = (upward ? upcaster.to : upcaster.from).type;
  }
  return steps;
}

const versionOf = (type: string): number => Number(/\.v(\d+)$/.exec(type)?.[1] ?? Number.NaN);

