import type { AssignmentRetries } from './movement-steps';

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
  /** Every child by pseudonymous ref with the case intake gave it, for whoever checks the services afterwards. */
  readonly cases: readonly { readonly ref: string; readonly familyRef: string; readonly caseId?: string }[];
  readonly registered: StepOutcome;
  /** Sibling groups (families of two or more) linked in intake. */
  readonly siblingGroupsLinked: StepOutcome;
  readonly legalFilesOpened: StepOutcome;
  /** Every requirement on the file satisfied (evidence and decision; screening by the screening officer). */
  readonly requirementsSatisfied: StepOutcome;
  /** Clearance requested by the legal officer… */
  readonly clearanceRequested: StepOutcome;
  /** …and approved by a different person, the supervisor. */
  readonly cleared: StepOutcome;
  /** Logistics has the case in its cleared pool. */
  readonly inClearedPool: StepOutcome;
  readonly escorts: { readonly added: number; readonly needed: number; readonly infants: number; readonly medical: number };
  readonly assigned: StepOutcome;
  /** Seated children the movement, read back, lists with the seat they were given. */
  readonly onManifest: StepOutcome;
  /** The CSV manifest's rows (one per child) and the PDF's size, when both were right. */
  readonly manifest?: { readonly csvRows: number; readonly pdfBytes: number };
  readonly boarded: StepOutcome;
  /** How long the departure and the arrival commands took, once they succeeded. */
  readonly departedMs?: number;
  readonly arrivedMs?: number;
  readonly handedOver: StepOutcome;
  /** Guardian e-mails of the 'assigned' milestone the notification service reports sent. */
  readonly emailsSent: StepOutcome;
  /** The final state as each service has it: intake `closed`, legal `cleared`, logistics `handed-over`. */
  readonly intakeClosed: StepOutcome;
  readonly legalCleared: StepOutcome;
  readonly logisticsHandedOver: StepOutcome;
  /** E-mails found in Mailpit, when checked; `problems` names addresses with too few or too many. */
  readonly mailbox?: StepOutcome & { readonly problems: readonly string[] };
  readonly retries: AssignmentRetries;
  readonly totalMs: number;
  /** Failures of the movement as a whole (not scheduled, not departed, a wrong manifest). */
  readonly problems: readonly string[];
  readonly incomplete: readonly IncompleteChild[];
}

export interface ScenarioSummary {
  readonly runId: string;
  readonly programmeId: string;
  /** True only if every child of every group completed every step, up to the handover and the final states. */
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
      row('sibling groups linked', (g) => outcome(g.siblingGroupsLinked)),
      row('legal files opened', (g) => outcome(g.legalFilesOpened)),
      row('requirements satisfied (6 each)', (g) => outcome(g.requirementsSatisfied)),
      row('clearance requested (legal officer)', (g) => outcome(g.clearanceRequested)),
      row('cleared (another person, supervisor)', (g) => outcome(g.cleared)),
      row("in logistics' cleared pool", (g) => outcome(g.inClearedPool)),
      row('escorts added', (g) => `${g.escorts.added}, ${g.escorts.medical} medical (ratio needs ${g.escorts.needed}; ${g.escorts.infants} infants)`),
      row('seats assigned', (g) => outcome(g.assigned)),
      row('listed on the movement', (g) => outcome(g.onManifest)),
      row('manifest CSV / PDF', (g) => (g.manifest ? `${g.manifest.csvRows} rows / ${(g.manifest.pdfBytes / 1024).toFixed(1)} KiB` : 'not checked')),
      row('boarded', (g) => outcome(g.boarded)),
      row('departed', (g) => (g.departedMs === undefined ? 'no' : `yes  ${seconds(g.departedMs)}`)),
      row('arrived', (g) => (g.arrivedMs === undefined ? 'no' : `yes  ${seconds(g.arrivedMs)}`)),
      row('handed over to a guardian', (g) => outcome(g.handedOver)),
      row('guardian e-mails sent', (g) => outcome(g.emailsSent)),
      row("intake stage 'closed'", (g) => outcome(g.intakeClosed)),
      row("legal file 'cleared'", (g) => outcome(g.legalCleared)),
      row("logistics 'handed-over'", (g) => outcome(g.logisticsHandedOver)),
      row('sent e-mails in Mailpit', (g) => outcome(g.mailbox)),
      row('assignment retries', (g) => `${g.retries.consumerLag} consumer lag, ${g.retries.versionConflict} version conflicts`),
      row('group total', (g) => seconds(g.totalMs)),
    ]),
    '',
    `Total ${seconds(summary.totalMs)}. Mailpit: ${summary.mailpitUi} (search "${summary.runId}").`,
  ];
  const incomplete = groups.flatMap((g) => g.incomplete);
  const mailbox = groups.flatMap((g) => g.mailbox?.problems ?? []);
  if (summary.ok) {
    out.push(`OK: all ${groups.reduce((n, g) => n + g.children, 0)} children handed over; intake, legal and logistics agree on each.`);
  } else {
    out.push('INCOMPLETE:');
    for (const problem of summary.problems) out.push(`  - ${problem}`);
    for (const g of groups) for (const problem of g.problems) out.push(`  - ${g.label}: ${problem}`);
    for (const child of incomplete) out.push(`  - ${child.ref}${child.caseId ? ` (case ${child.caseId})` : ''}: ${child.missing}`);
    for (const problem of mailbox) out.push(`  - Mailpit: ${problem}`);
  }
  return out.join('\n');
}
