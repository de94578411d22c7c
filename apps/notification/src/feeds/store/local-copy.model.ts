import { Schema, type Connection, type Model } from 'mongoose';
import type { CaseStage } from '../domain/case-stage';

/**
 * The feeds' own copy of what they need from other services' events: to
 * filter (a case's programme and destination state, a movement's programme,
 * a programme's destination state) and to describe a case at level `none`
 * (sex, stage, and the birth date only to compute an age band; names and
 * places are never copied).
 */
export interface CaseCopy {
  _id: string;
  programmeId: string;
  destinationState: string;
  sex: string;
  birthDate: { value: string; precision: 'day' | 'month' | 'year' };
  stage: CaseStage;
  stageBeforeHold?: CaseStage | undefined;
  /** Ids of the last events applied to the stage, so that a redelivered one is not applied twice. */
  recentEvents: string[];
}

export interface MovementCopy {
  _id: string;
  programmeId: string;
}

export interface ProgrammeCopy {
  _id: string;
  destinationState: string;
}

const caseSchema = new Schema<CaseCopy>(
  {
    _id: { type: String, required: true },
    programmeId: { type: String, required: true },
    destinationState: { type: String, required: true },
    sex: { type: String, required: true },
    birthDate: { type: Schema.Types.Mixed, required: true },
    stage: { type: String, required: true },
    stageBeforeHold: { type: String },
    recentEvents: { type: [String], default: [] },
  },
  { collection: 'feed_cases', versionKey: false },
);
const movementSchema = new Schema<MovementCopy>(
  { _id: { type: String, required: true }, programmeId: { type: String, required: true } },
  { collection: 'feed_movements', versionKey: false },
);
const programmeSchema = new Schema<ProgrammeCopy>(
  { _id: { type: String, required: true }, destinationState: { type: String, required: true } },
  { collection: 'feed_programmes', versionKey: false },
);

const registered = <T>(connection: Connection, name: string, schema: Schema<T>): Model<T> =>
  (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);

export function registerLocalCopyModels(connection: Connection) {
  return {
    cases: registered(connection, 'FeedCase', caseSchema),
    movements: registered(connection, 'FeedMovement', movementSchema),
    programmes: registered(connection, 'FeedProgramme', programmeSchema),
  };
}
export type LocalCopyModels = ReturnType<typeof registerLocalCopyModels>;
