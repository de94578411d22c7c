import type { Summary } from '../domain/dashboard-summary';
import type { HealthView, ServiceHealth } from '../health/service-health';
import type { DashboardQueries, HoldsView, MovementsView, Reader } from '../store/dashboard.queries';

/** Everything the page shows, in one answer: what GET /api/dashboard returns and each live update carries. */
export interface DashboardSnapshot {
  readonly summary: Summary;
  readonly movements: MovementsView;
  readonly holds: HoldsView;
  readonly health: HealthView;
}

export const MOVEMENT_ROWS = 20;

export function createSnapshotReader(queries: DashboardQueries, health: ServiceHealth) {
  return async (reader: Reader): Promise<DashboardSnapshot> => {
    const [summary, movements, holds, healthView] = await Promise.all([
      queries.summary(reader),
      queries.movements(MOVEMENT_ROWS, reader),
      queries.holds(reader),
      health.read(),
    ]);
    return { summary, movements, holds, health: healthView };
  };
}

export type SnapshotReader = ReturnType<typeof createSnapshotReader>;

/** The snapshot without its clock readings: two snapshots that show the same page compare equal. */
export const contentKey = (snapshot: DashboardSnapshot): string =>
  JSON.stringify({ ...snapshot, summary: { ...snapshot.summary, generatedAt: '' }, health: { ...snapshot.health, checkedAt: '' } });
