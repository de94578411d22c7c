import { countersFor, sumShards, summarise, type Summary, type VisibleProgrammes } from '../domain/dashboard-summary';
import { escortStatus, type EscortStatus, type Passenger } from '../domain/escort-status';
import { MovementStatus } from '../domain/movement-projection';
import type { CounterShards } from './counter-shards';
import type { PersonalDataCodec } from '@homeward/persistence';
import { HOLD_REASON_PATH, type HoldViewDoc, type MovementViewDoc, type ReadModel } from './read-model.models';

/** An open hold for the roles entitled to its reason; `erased` instead of the reason once the child was erased. */
export interface HoldRow {
  readonly holdId: string;
  readonly caseId: string;
  readonly category: string;
  readonly reason?: string;
  readonly erased?: true;
  readonly placedBy: string;
  readonly placedAt: string;
}

export interface MovementRow {
  readonly movementId: string;
  readonly programmeId: string | null;
  readonly flightNumber: string | null;
  readonly operator: string | null;
  readonly route: string | null;
  readonly departure: string | null;
  readonly status: string;
  readonly seats: number | null;
  readonly seatsTaken: number;
  readonly passengers: Record<Passenger['status'], number>;
  readonly escort: EscortStatus;
}

export interface MovementsView {
  /** Scheduled or in the air, soonest first. */
  readonly ahead: readonly MovementRow[];
  /** Arrived or cancelled, latest first. */
  readonly recent: readonly MovementRow[];
}

export interface HoldsView {
  readonly total: number;
  readonly byCategory: Record<string, number>;
  /** Present only for the roles entitled to the reasons. */
  readonly holds?: ReadonlyArray<HoldRow>;
}

/**
 * Who reads a panel: whether they may read holds' reasons, and their agency
 * (`*` for an operator agency, which sees every programme). Every panel
 * shows only the programmes the agency takes part in.
 */
export interface Reader {
  readonly reasons: boolean;
  readonly agency: string;
}

export const EVERY_AGENCY = '*';

/**
 * The dashboard's reads: each a scan of a small collection (the counter
 * shards, the movements, the open holds, the programmes), never of the
 * cases, so they cost the same with a hundred cases or a hundred thousand.
 */
export class DashboardQueries {
  /** `shards`: the consumer's own, so that pruning takes the same per-shard turns as its updates. */
  constructor(
    private readonly model: ReadModel,
    private readonly shards: CounterShards,
    private readonly privacy?: Pick<PersonalDataCodec, 'open'>,
  ) {}

  /**
   * The programmes whose data the reader's agency may see: those listing it
   * among their participants (a programme without a list: operators only,
   * libs/auth agency-policy).
   */
  async visibleProgrammes(reader: Pick<Reader, 'agency'>): Promise<VisibleProgrammes> {
    if (reader.agency === EVERY_AGENCY) return 'all';
    const programmes = await this.model.programmes.find({}, { projection: { 'state.participatingAgencies': 1 } }).toArray();
    return new Set(programmes.filter((p) => p.state?.participatingAgencies?.includes(reader.agency) ?? false).map((p) => p._id));
  }

  /** The programme panels, summed from the counters of the programmes the reader sees. */
  async summary(reader: Pick<Reader, 'agency'>, now = new Date()): Promise<Summary> {
    const [shards, visible] = await Promise.all([this.shards.read(), this.visibleProgrammes(reader)]);
    return summarise(countersFor(sumShards(shards), visible), now);
  }

  /** The movements of the programmes the reader sees (one of no known programme: operators only). */
  async movements(limit: number, reader: Pick<Reader, 'agency'>): Promise<MovementsView> {
    const [docs, programmes, visible] = await Promise.all([
      this.model.movements.find({ 'state.status': { $in: Object.values(MovementStatus) } }).toArray(),
      this.model.programmes.find({}, { projection: { state: 1 } }).toArray(),
      this.visibleProgrammes(reader),
    ]);
    const policies = new Map(programmes.map((p) => [p._id, p.state?.childrenPerEscort]));
    const seen = docs.filter((doc) => visible === 'all' || (doc.state.programmeId !== undefined && visible.has(doc.state.programmeId)));
    const rows = seen.map((doc) => movementRow(doc, policies));
    const byDeparture = (a: MovementRow, b: MovementRow) => (a.departure ?? '').localeCompare(b.departure ?? '');
    const ahead = rows.filter((r) => r.status === MovementStatus.scheduled || r.status === MovementStatus.departed).sort(byDeparture);
    const recent = rows.filter((r) => r.status === MovementStatus.arrived || r.status === MovementStatus.cancelled).sort((a, b) => byDeparture(b, a));
    return { ahead: ahead.slice(0, limit), recent: recent.slice(0, limit) };
  }

  /**
   * The open holds of the programmes the reader sees: counts by category,
   * and each hold with its case and reason for readers entitled to reasons.
   */
  async holds(reader: Reader): Promise<HoldsView> {
    const docs = await this.model.holds.find({}).toArray();
    const visible = await this.ofVisibleProgrammes(docs, await this.visibleProgrammes(reader));
    const byCategory: Record<string, number> = {};
    for (const hold of visible) byCategory[hold.category] = (byCategory[hold.category] ?? 0) + 1;
    const view = { total: visible.length, byCategory };
    if (!reader.reasons) return view;
    const holds = (await Promise.all(visible.map((doc) => this.holdRow(doc)))).sort((a, b) => a.placedAt.localeCompare(b.placedAt));
    return { ...view, holds };
  }

  /** The holds whose case belongs to a programme the reader sees (a case of no known programme: operators only). */
  private async ofVisibleProgrammes(docs: readonly HoldViewDoc[], visible: VisibleProgrammes): Promise<readonly HoldViewDoc[]> {
    if (visible === 'all' || docs.length === 0) return docs;
    const cases = await this.model.cases.find({ _id: { $in: [...new Set(docs.map((d) => d.caseId))] } } as never, { projection: { 'state.programmeId': 1 } }).toArray();
    const programmeOf = new Map(cases.map((c) => [c._id, c.state?.programmeId]));
    return docs.filter((d) => {
      const programmeId = programmeOf.get(d.caseId);
      return programmeId !== undefined && visible.has(programmeId);
    });
  }

  /** A hold as entitled readers see it: the reason opened, or left out (and the hold marked erased) once the child was erased. */
  private async holdRow({ _id, caseId, category, reason, placedBy, placedAt }: HoldViewDoc): Promise<HoldRow> {
    const opened = this.privacy ? await this.privacy.open(caseId, HOLD_REASON_PATH, reason) : reason;
    const row = { holdId: _id, caseId, category, placedBy, placedAt };
    return typeof opened === 'string' ? { ...row, reason: opened } : { ...row, erased: true };
  }

  /** Drops throughput minutes older than a day. */
  prune(now = new Date()): Promise<void> {
    return this.shards.prune(throughputHorizon(now));
  }
}

/** The oldest throughput minute kept: older ones are pruned (every ten minutes) and left out of a rebuild's comparison. */
export const throughputHorizon = (now: Date): string => new Date(now.getTime() - 24 * 3_600_000).toISOString().slice(0, 16);

function movementRow(doc: MovementViewDoc, policies: Map<string, number | undefined>): MovementRow {
  const passengers = Object.values(doc.passengers ?? {});
  const state = doc.state;
  const childrenPerEscort = state.programmeId ? policies.get(state.programmeId) : undefined;
  const tally = { assigned: 0, boarded: 0, arrived: 0, 'handed-over': 0 };
  for (const p of passengers) tally[p.status] += 1;
  return {
    movementId: doc._id,
    programmeId: state.programmeId ?? null,
    flightNumber: state.flight?.flightNumber ?? null,
    operator: state.flight?.operator ?? null,
    route: state.flight ? `${state.flight.departureAirport} → ${state.flight.arrivalAirport}` : null,
    departure: state.departure ?? null,
    status: state.status ?? MovementStatus.scheduled,
    seats: state.seats ?? null,
    seatsTaken: passengers.length,
    passengers: tally,
    escort: escortStatus(state.escorts ?? {}, passengers, childrenPerEscort ? { childrenPerEscort } : undefined),
  };
}
