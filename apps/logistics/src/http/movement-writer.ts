import type { Request, Response } from 'express';
import { PreconditionFailedError } from '@homeward/errors';
import type { PendingEvent, Snapshot } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import type { MovementState } from '../domain/movement';
import type { LogisticsStores } from '../store/logistics.stores';
import type { MovementRecord } from '../store/movement.model';
import { principalOf } from '@homeward/auth';

/**
 * Loads a movement for a command, honouring If-Match: a client that sends the
 * ETag it read changes the movement only if nobody changed it since (412).
 */
export async function loadForCommand(stores: LogisticsStores, req: Request, movementId: string): Promise<Snapshot<MovementRecord>> {
  const movement = await stores.movements.get(movementId, 'movement');
  const ifMatch = req.get('if-match');
  if (ifMatch && ifMatch !== '*' && ifMatch.replace(/^W\//, '').replaceAll('"', '') !== String(movement.version)) {
    throw new PreconditionFailedError(`movement ${movementId} is at version ${movement.version}, not ${ifMatch}: reload it`, {
      currentVersion: movement.version,
    });
  }
  return movement;
}

/**
 * Writes the movement's new state and the events it causes in one document
 * write, conditional on the version the decision was taken on, records who
 * acted, and sets the new ETag.
 */
export async function saveMovement(
  stores: LogisticsStores,
  context: ServiceContext,
  req: Request,
  res: Response,
  current: Snapshot<MovementRecord>,
  next: MovementState,
  events: readonly PendingEvent[],
  action: string,
  caseIds?: string[],
): Promise<Snapshot<MovementRecord>> {
  const { userId } = principalOf(req);
  const entry = { action, by: userId, at: new Date().toISOString(), ...(caseIds ? { caseIds } : {}) };
  const saved = await stores.movements.update(current._id, current.version, { ...next, history: [...current.history, entry] }, events, 'movement');
  context.published();
  res.setHeader('etag', `"${saved.version}"`);
  return saved;
}

const STALE_ATTEMPTS = 10;

/** The command running last on each movement in this process; the next one waits for it. */
const inFlight = new Map<string, Promise<unknown>>();

function oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
  const previous = inFlight.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(run);
  inFlight.set(key, current);
  void current.finally(() => inFlight.get(key) === current && inFlight.delete(key)).catch(() => undefined);
  return current;
}

/**
 * Many officers seat children on one flight at once. Within this process the
 * commands on one movement run one at a time; across processes, a command
 * that lost the version race (412) is decided again on a fresh read. Only
 * when the client sent no If-Match: a client that did asked to act on the
 * version it saw, and gets the 412.
 */
export function retriedWhenStale<I>(handler: (input: I, req: Request, res: Response) => Promise<void>) {
  return (input: I, req: Request, res: Response): Promise<void> =>
    oneAtATime(String(req.params['movementId']), async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await handler(input, req, res);
        } catch (error) {
          if (!(error instanceof PreconditionFailedError) || req.get('if-match') || attempt >= STALE_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
        }
      }
    });
}
