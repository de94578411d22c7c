import { sumShards, summarise, type Summary } from '../domain/dashboard-summary';
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
 * The dashboard's reads: each a scan of a small collection (the counter
 * shards, the movements, the open holds), never of the cases, so they cost
 * the same with a hundred cases or a hundred thousand.
 */
export class DashboardQueries {
  /** `shards`: the consumer's own, so that pruning takes the same per-shard turns as its updates. */
  constructor(
    private readonly model: ReadModel,
    private readonly shards: CounterShards,
    private readonly privacy?: Pick<PersonalDataCodec, 'open'>,
  ) {}

  async summary(now = new Date()): Promise<Summary> {
    return summarise(sumShards(await this.shards.read()), now);
  }

  async movements(limit: number): Promise<MovementsView> {
    const [docs, programmes] = await Promise.all([
      this.model.movements.find({ 'state.status': { $in: Object.values(MovementStatus) } }).toArray(),
      this.model.programmes.find({}, { projection: { state: 1 } }).toArray(),
    ]);
    const policies = new Map(programmes.map((p) => [p._id, p.state?.childrenPerEscort]));
    const rows = docs.map((doc) => movementRow(doc, policies));
    const byDeparture = (a: MovementRow, b: MovementRow) => (a.departure ?? '').localeCompare(b.departure ?? '');
    const ahead = rows.filter((r) => r.status === MovementStatus.scheduled || r.status === MovementStatus.departed).sort(byDeparture);
    const recent = rows.filter((r) => r.status === MovementStatus.arrived || r.status === MovementStatus.cancelled).sort((a, b) => byDeparture(b, a));
    return { ahead: ahead.slice(0, limit), recent: recent.slice(0, limit) };
  }

  /**
   * The open holds: counts by category for every reader; each hold with its
   * case and reason only for readers entitled to reasons, and only for the
   * programmes their agency takes part in (`*`: every programme).
   */
  async holds(audience: { readonly reasons: boolean; readonly agency: string }): Promise<HoldsView> {
    const docs = await this.model.holds.find({}).toArray();
    const byCategory: Record<string, number> = {};
    for (const hold of docs) byCategory[hold.category] = (byCategory[hold.category] ?? 0) + 1;
    const view = { total: docs.length, byCategory };
    if (!audience.reasons) return view;
    const visible = audience.agency === '*' ? docs : await this.ofParticipatingProgrammes(docs, audience.agency);
    const holds = (await Promise.all(visible.map((doc) => this.holdRow(doc)))).sort((a, b) => a.placedAt.localeCompare(b.placedAt));
    return { ...view, holds };
  }

  /** The holds whose case belongs to a programme the agency takes part in (or to one from before participation lists). */
  private async ofParticipatingProgrammes(docs: readonly HoldViewDoc[], agency: string): Promise<HoldViewDoc[]> {
    if (docs.length === 0) return [];
    const [cases, programmes] = await Promise.all([
      this.model.cases.find({ _id: { $in: [...new Set(docs.map((d) => d.caseId))] } } as never, { projection: { 'state.programmeId': 1 } }).toArray(),
      this.model.programmes.find({}, { projection: { 'state.participatingAgencies': 1 } }).toArray(),
    ]);
    const programmeOf = new Map(cases.map((c) => [c._id, c.state?.programmeId]));
    const participants = new Map(programmes.map((p) => [p._id, p.state?.participatingAgencies]));
    return docs.filter((d) => {
      const programmeId = programmeOf.get(d.caseId);
      if (!programmeId) return false;
      const listed = participants.get(programmeId);
      return listed === undefined || listed.includes(agency);
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
