import type { AssignmentRetries } from './child-journey';

/** How many children (or e-mails) reached a step, of how many, and how long the step took. */
export interface StepOutcome {
  readonly done: number;
  readonly of: number;
  readonly ms?: number;
}

export interface IncompleteChild {
  readonly ref: string;
  readonly caseId?: string;
  readonly missing: string;
}

export interface GroupSummary {
  readonly key: string;
  readonly label: string;
  /** e.g. `EMR-0710 BGW → ZIA 2019-07-10 05:00Z`. */
  readonly flight: string;
  readonly movementId?: string;
  readonly children: number;
  readonly registered: StepOutcome;
  readonly legalFilesOpened: StepOutcome;
  readonly cleared: StepOutcome;
  readonly assigned: StepOutcome;
  /** Seated children the movement, read back, lists with the seat they were given. */
  readonly onManifest: StepOutcome;
  /** Guardian e-mails of the 'assigned' milestone the notification service reports sent. */
  readonly emailsSent: StepOutcome;
  readonly intakeAssigned: StepOutcome;
  /** E-mails found in Mailpit, when checked; `problems` names addresses with too few or too many. */
  readonly mailbox?: StepOutcome & { readonly problems: readonly string[] };
  readonly retries: AssignmentRetries;
  readonly totalMs: number;
  readonly incomplete: readonly IncompleteChild[];
}

export interface ScenarioSummary {
  readonly runId: string;
  readonly programmeId: string;
  /** True only if every child of every group completed every step. */
  readonly ok: boolean;
  readonly totalMs: number;
  readonly groups: readonly GroupSummary[];
  /** Failures not tied to one child (a service not ready, a movement not scheduled). */
  readonly problems: readonly string[];
  readonly mailpitUi: string;
}

const seconds = (ms: number | undefined) => (ms === undefined ? '' : `${(ms / 1000).toFixed(2)} s`);
const outcome = (o: StepOutcome | undefined) => (o ? `${o.done}/${o.of}${o.ms === undefined ? '' : `  ${seconds(o.ms)}`}` : 'not checked');

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: readonly string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  │  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('──┼──');
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

/** The run as a table for people: one column per group, one row per step, then what is missing. */
export function formatSummary(summary: ScenarioSummary): string {
  const { groups } = summary;
  const row = (label: string, cell: (g: GroupSummary) => string) => [label, ...groups.map(cell)];
  const out = [
    `Homeward seed scenario — run ${summary.runId}, programme ${summary.programmeId}`,
    '',
    table([
      row('', (g) => g.label),
      row('flight', (g) => g.flight),
      row('children', (g) => String(g.children)),
      row('registered (intake)', (g) => outcome(g.registered)),
      row('legal files opened', (g) => outcome(g.legalFilesOpened)),
      row('cleared (supervisor-1)', (g) => outcome(g.cleared)),
      row('seats assigned', (g) => outcome(g.assigned)),
      row('listed on the movement', (g) => outcome(g.onManifest)),
      row('guardian e-mails sent', (g) => outcome(g.emailsSent)),
      row("intake stage 'assigned'", (g) => outcome(g.intakeAssigned)),
      row('sent e-mails in Mailpit', (g) => outcome(g.mailbox)),
      row('assignment retries', (g) => `${g.retries.caseNotYetCleared} not yet cleared, ${g.retries.versionConflict} version conflicts`),
      row('group total', (g) => seconds(g.totalMs)),
    ]),
    '',
    `Total ${seconds(summary.totalMs)}. Mailpit: ${summary.mailpitUi} (search "${summary.runId}").`,
  ];
  const incomplete = groups.flatMap((g) => g.incomplete);
  const mailbox = groups.flatMap((g) => g.mailbox?.problems ?? []);
  if (summary.ok) {
    out.push(`OK: all ${groups.reduce((n, g) => n + g.children, 0)} children completed every step.`);
  } else {
    out.push('INCOMPLETE:');
    for (const problem of summary.problems) out.push(`  - ${problem}`);
    for (const child of incomplete) out.push(`  - ${child.ref}${child.caseId ? ` (case ${child.caseId})` : ''}: ${child.missing}`);
    for (const problem of mailbox) out.push(`  - Mailpit: ${problem}`);
  }
  return out.join('\n');
}
