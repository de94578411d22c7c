import type { Connection } from 'mongoose';
import { AggregateStore } from '@homeward/persistence';
import { CaseClaims } from './case-claims';
import { registerCaseCopyModel, type CaseCopyRecord } from './case-copy.model';
import { CaseFactsReader } from './case-facts.reader';
import { registerMovementModel, type MovementRecord } from './movement.model';
import { registerProgrammeCopyModel, type ProgrammeCopyRecord } from './programme-copy.model';

/** Every store of the service, wired once per connection for routes and consumers alike. */
export interface LogisticsStores {
  readonly movements: AggregateStore<MovementRecord>;
  readonly cases: AggregateStore<CaseCopyRecord>;
  readonly programmes: AggregateStore<ProgrammeCopyRecord>;
  readonly facts: CaseFactsReader;
  readonly claims: CaseClaims;
}

export function logisticsStores(connection: Connection): LogisticsStores {
  const movements = new AggregateStore<MovementRecord>(registerMovementModel(connection));
  const cases = new AggregateStore<CaseCopyRecord>(registerCaseCopyModel(connection));
  return {
    movements,
    cases,
    programmes: new AggregateStore<ProgrammeCopyRecord>(registerProgrammeCopyModel(connection)),
    facts: new CaseFactsReader(cases, movements),
    claims: new CaseClaims(cases),
  };
}
