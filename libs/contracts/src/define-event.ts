import type { z } from 'zod';
import type { Topic } from './topics';

/** What a service publishes about: the Kafka key is this aggregate's id. */
export const AggregateKind = {
  case: 'case',
  movement: 'movement',
  delivery: 'delivery',
  programme: 'programme',
  subscription: 'subscription',
} as const;
export type AggregateKind = (typeof AggregateKind)[keyof typeof AggregateKind];

export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  /** `<entity>.<past-tense>.v<N>`. */
  readonly type: TType;
  readonly version: number;
  readonly topic: Topic;
  readonly keyedBy: AggregateKind;
  readonly summary: string;
  readonly schema: TSchema;
  /** Path of the generated JSON Schema, used as the CloudEvents `dataschema`. */
  readonly dataschema: string;
}

export function defineEvent<const TType extends string, TSchema extends z.ZodType>(def: {
  type: TType;
  topic: Topic;
  keyedBy: AggregateKind;
  summary: string;
  schema: TSchema;
}): EventDefinition<TType, TSchema> {
  const match = /\.v(\d+)$/.exec(def.type);
  if (!match) throw new Error(`event type ${def.type} must end in .v<N>`);
  return { ...def, version: Number(match[1]), dataschema: `https://homeward.example/schemas/${def.type}.json` };
}

export type EventData<TDef extends EventDefinition> = z.infer<TDef['schema']>;

/** The data field that carries the Kafka key (and `subject`): `caseId`, `movementId`, … */
export const subjectField = (kind: AggregateKind): `${AggregateKind}Id` => `${kind}Id`;
