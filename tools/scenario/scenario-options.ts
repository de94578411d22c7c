import { randomBytes } from 'node:crypto';
import type { AccessTokenProvider } from './api-client';
import type { ServiceUrls } from './homeward-apis';
import type { SeedGroup } from './seed-children';

export interface ScenarioTimeouts {
  /** Each service's /health/ready before anything is sent. */
  readonly readyMs: number;
  /**
   * One request's answer. Generous: a command is never resent after a
   * timeout (it may have been done), so a slow answer costs the child its run.
   */
  readonly requestMs: number;
  /** Registration → legal file opened, per child. */
  readonly legalFileMs: number;
  /** Clearance approved → the case in logistics' cleared pool, per child. */
  readonly clearedPoolMs: number;
  /** Seating (the whole flight, or one sibling group), retrying while logistics has not yet seen the clearance or the programme, or an answer was lost. */
  readonly assignmentMs: number;
  /** From the last handover: every e-mail sent, and intake, legal and logistics agreeing on every child's final state. */
  readonly settledMs: number;
  /** E-mails reported sent (SMTP accepted) showing up in Mailpit. */
  readonly mailboxMs: number;
}

export interface ScenarioOptions {
  readonly urls: ServiceUrls;
  /** Short lowercase token in every guardian address, to tell runs apart in Mailpit; random by default. */
  readonly runId?: string;
  /** Requests in flight at once per phase. */
  readonly concurrency?: number;
  /**
   * Commands on one movement in flight at once (default 2): boarding,
   * handovers, and seats family by family when the whole flight was refused.
   * They all write the same movement document, which logistics changes one
   * command at a time, so more only queue there; raise it to see whether
   * logistics keeps concurrent commands apart.
   */
  readonly movementConcurrency?: number;
  readonly timeouts?: Partial<ScenarioTimeouts>;
  /** The bearer token of each person the scenario acts as (every call needs one). */
  readonly accessToken: AccessTokenProvider;
  /** Also count what reached Mailpit (exactly the expected e-mails per guardian address). Default true. */
  readonly checkMailbox?: boolean;
  /** The seed groups to run; by default both flights of the seed report. */
  readonly groups?: readonly SeedGroup[];
  /** Progress lines as the run goes; silent by default. */
  readonly onProgress?: (line: string) => void;
}

export const DEFAULT_TIMEOUTS: ScenarioTimeouts = {
  readyMs: 10_000,
  requestMs: 30_000,
  legalFileMs: 30_000,
  clearedPoolMs: 30_000,
  assignmentMs: 90_000,
  settledMs: 60_000,
  mailboxMs: 15_000,
};
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_MOVEMENT_CONCURRENCY = 2;

const RUN_ID = /^[a-z0-9]{3,16}$/;

export function newRunId(): string {
  // Base-36 of random bytes: lowercase letters and digits, fine in an e-mail local part.
  return BigInt(`0x${randomBytes(5).toString('hex')}`).toString(36).padStart(6, '0').slice(-6);
}

export function checkRunId(runId: string): string {
  if (!RUN_ID.test(runId)) throw new RangeError(`run id must be 3–16 lowercase letters or digits, got '${runId}'`);
  return runId;
}

/** Base URLs from the environment, with the services' default local ports. */
export function serviceUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceUrls {
  const url = (name: string, fallback: string) => {
    const value = env[name]?.trim() || fallback;
    try {
      return new URL(value).toString();
    } catch {
      throw new RangeError(`${name} must be an absolute URL, got '${value}'`);
    }
  };
  return {
    intake: url('INTAKE_URL', 'http://127.0.0.1:3001'),
    legal: url('LEGAL_URL', 'http://127.0.0.1:3002'),
    logistics: url('LOGISTICS_URL', 'http://127.0.0.1:3003'),
    notification: url('NOTIFICATION_URL', 'http://127.0.0.1:3004'),
    mailpit: url('MAILPIT_URL', `http://127.0.0.1:${env['MAILPIT_HTTP_PORT'] ?? '8025'}`),
  };
}
