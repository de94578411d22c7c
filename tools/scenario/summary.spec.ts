import { formatSummary, type GroupSummary, type ScenarioSummary } from './summary';

const step = (done: number, of: number, ms?: number) => ({ done, of, ms });
const group = (overrides: Partial<GroupSummary> = {}): GroupSummary => ({
  key: 'group-1',
  label: 'Group 1 — 10 July 2019',
  flight: 'EMR-0710 BGW → ZIA 2019-07-10 05:00Z',
  movementId: 'm1',
  children: 2,
  registered: step(2, 2, 120),
  legalFilesOpened: step(2, 2, 900),
  cleared: step(2, 2, 300),
  assigned: step(2, 2, 400),
  onManifest: step(2, 2, 10),
  emailsSent: step(3, 3, 1500),
  intakeAssigned: step(2, 2),
  mailbox: { ...step(3, 3, 10), problems: [] },
  retries: { caseNotYetCleared: 4, versionConflict: 1 },
  totalMs: 3_300,
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
  it('prints one column per group with counts and durations, the Mailpit address and OK', () => {
    const text = formatSummary(summary([group()]));
    expect(text).toContain('Group 1 — 10 July 2019');
    expect(text).toMatch(/legal files opened\s+│\s+2\/2 {2}0\.90 s/);
    expect(text).toMatch(/guardian e-mails sent\s+│\s+3\/3 {2}1\.50 s/);
    expect(text).toContain('4 not yet cleared, 1 version conflicts');
    expect(text).toContain('Mailpit: http://127.0.0.1:8025 (search "abc123")');
    expect(text).toContain('OK: all 2 children completed every step.');
  });

  it('lists what is missing, by pseudonymous ref and case id, never by name', () => {
    const incomplete = group({
      intakeAssigned: step(1, 2),
      incomplete: [{ ref: 'g1-c02', caseId: 'case-2', missing: "after 120 s: intake stage is 'cleared'" }],
      mailbox: { ...step(2, 3), problems: ['x@example.org: 0 e-mail(s), expected 1'] },
    });
    const text = formatSummary(summary([incomplete], { ok: false, problems: ['legal is not ready'] }));
    expect(text).toContain('INCOMPLETE:');
    expect(text).toContain('  - legal is not ready');
    expect(text).toContain("  - g1-c02 (case case-2): after 120 s: intake stage is 'cleared'");
    expect(text).toContain('  - Mailpit: x@example.org: 0 e-mail(s), expected 1');
    expect(text).not.toContain('OK:');
  });
});
