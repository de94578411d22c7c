import type { Connection } from 'mongoose';
import type { ProgrammeDefinition } from '@homeward/contracts';
import { AggregateStore } from '@homeward/persistence';
import { programmeDefinition, type ProgrammeRecord } from '../domain/programme';
import { registerProgrammeModel } from './programme.model';

export function programmeStore(connection: Connection): AggregateStore<ProgrammeRecord> {
  return new AggregateStore<ProgrammeRecord>(registerProgrammeModel(connection));
}

/** The programme a registration is checked against (domain/register-case.ts), or undefined when none has this id. */
export async function findProgrammeDefinition(connection: Connection, programmeId: string): Promise<ProgrammeDefinition | undefined> {
  const found = await programmeStore(connection).find(programmeId);
  return found ? programmeDefinition(programmeId, found) : undefined;
}
