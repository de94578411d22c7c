import { formatSummary, type GroupSummary, type ScenarioSummary } from './summary';

const step = (done: number, of: number, ms?: number) => ({ done, of, ms });
const group = (overrides: Partial<GroupSummary> = {}): GroupSummary => ({
  key: 'group-1',
  label: 'Group 1 — 10 July 2019',
  flight: 'EMR-0710 BGW → ZIA 2019-07-10 05:00Z',
  movementId: 'm1',
  children: 2,
  cases: [
    { ref: 'g1-c01', familyRef: 'g1-f01', caseId: 'case-1' },
    { ref: 'g1-c02', familyRef: 'g1-f01', caseId: 'case-2' },
  ],
  registered: step(2, 2, 120),
  siblingGroupsLinked: step(1, 1, 40),
  legalFilesOpened: step(2, 2, 900),
  requirementsSatisfied: step(2, 2, 700),
  clearanceRequested: step(2, 2, 50),
  cleared: step(2, 2, 300),
  inClearedPool: step(2, 2, 200),
  escorts: { added: 3, needed: 1, infants: 1, medical: 1 },
  assigned: step(2, 2, 400),
  onManifest: step(2, 2, 10),
  manifest: { csvRows: 2, pdfBytes: 4096 },
  boarded: step(2, 2, 60),
  departedMs: 20,
  arrivedMs: 15,
  handedOver: step(2, 2, 80),
  emailsSent: step(3, 3, 1500),
  intakeClosed: step(2, 2),
  legalCleared: step(2, 2),
  logisticsHandedOver: step(2, 2),
  mailbox: { ...step(3, 3, 10), problems: [] },
  retries: { consumerLag: 4, versionConflict: 1 },
  totalMs: 3_300,
  problems: [],
  incomplete: [],
  ...overrides,
});
const summary = (groups: GroupSummary[], overrides: Partial<ScenarioSummary> = {}): ScenarioSummary => ({
  runId: 'abc123',
  programmeId: 'iq-ru-2019',
  ok: true,
  totalMs: 3_400,
  groups,
  problems: [],
  mailpitUi: 'http://127.0.0.1:8025',
  ...overrides,
});

describe('formatSummary', () => {
  it('prints one column per group with counts and durations for every step, the Mailpit address and OK', () => {
    const text = formatSummary(summary([group()]));
    expect(text).toContain('Group 1 — 10 July 2019');
    expect(text).toMatch(/legal files opened\s+│\s+2\/2 {2}0\.90 s/);
    expect(text).toMatch(/cleared \(another person, supervisor\)\s+│\s+2\/2/);
    expect(text).toMatch(/escorts added\s+│\s+3, 1 medical \(ratio needs 1; 1 infants\)/);
    expect(text).toMatch(/manifest CSV \/ PDF\s+│\s+2 rows \/ 4\.0 KiB/);
    expect(text).toMatch(/departed\s+│\s+yes {2}0\.02 s/);
    expect(text).toMatch(/handed over to a guardian\s+│\s+2\/2/);
    expect(text).toMatch(/intake stage 'closed'\s+│\s+2\/2/);
    expect(text).toMatch(/guardian e-mails sent\s+│\s+3\/3 {2}1\.50 s/);
    expect(text).toContain('4 consumer lag, 1 version conflicts');
    expect(text).toContain('Mailpit: http://127.0.0.1:8025 (search "abc123")');
    expect(text).toContain('OK: all 2 children handed over; intake, legal and logistics agree on each.');
  });

  it('lists what is missing, by pseudonymous ref and case id, never by name', () => {
    const incomplete = group({
      intakeClosed: step(1, 2),
      arrivedMs: undefined,
      problems: ['movement not arrived: logistics POST /movements/m1/arrival → 409'],
      incomplete: [{ ref: 'g1-c02', caseId: 'case-2', missing: "after 60 s: intake stage is 'arrived'" }],
      mailbox: { ...step(2, 3), problems: ['x@example.org: 0 e-mail(s), expected 1'] },
    });
    const text = formatSummary(summary([incomplete], { ok: false, problems: ['legal is not ready'] }));
    expect(text).toContain('INCOMPLETE:');
    expect(text).toContain('  - legal is not ready');
    expect(text).toMatch(/arrived\s+│\s+no/);
    expect(text).toContain('  - Group 1 — 10 July 2019: movement not arrived: logistics POST /movements/m1/arrival → 409');
    expect(text).toContain("  - g1-c02 (case case-2): after 60 s: intake stage is 'arrived'");
    expect(text).toContain('  - Mailpit: x@example.org: 0 e-mail(s), expected 1');
    expect(text).not.toContain('OK:');
  });
});
