import type { ChaosResult } from './run-chaos';

const row = (cells: readonly (string | number)[], widths: readonly number[]) =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ');

const verdict = (good: boolean) => (good ? 'ok' : 'FAIL');

/** The chaos run's findings as plain-text tables, then the four figures the issue asks for. */
export function formatChaosReport(result: ChaosResult): string {
  const lines: string[] = [];
  const minutes = (result.durationMs / 60_000).toFixed(1);
  lines.push(`chaos run ${result.runId}: ${result.cases} cases in ${minutes} min, ${result.faults.length} faults, ${result.outagesRetried} API calls repeated through outages`);
  lines.push('');
  lines.push('faults (SIGKILL, then restart)');
  const kills = new Map<string, number>();
  for (const f of result.faults) kills.set(f.fault.name, (kills.get(f.fault.name) ?? 0) + 1);
  for (const [name, n] of kills) {
    const recovered = result.faults.filter((f) => f.fault.name === name).map((f) => `${(f.recoveredMs / 1000).toFixed(1)} s`);
    lines.push(`  ${name.padEnd(13)} ${n}× killed, back after ${recovered.join(', ')}`);
  }
  lines.push('');
  const w1 = [34, 8, 8, 6];
  lines.push(row(['check', 'expected', 'actual', ''], w1));
  for (const [service, n] of Object.entries(result.finalByService)) {
    lines.push(row([`cases in final state: ${service}`, result.cases, n, verdict(n === result.cases)], w1));
  }
  const { emails } = result;
  lines.push(row(['e-mails in Mailpit', emails.expected, emails.inMailpit, verdict(emails.missing === 0 && emails.duplicated === 0)], w1));
  lines.push(row(['dead letters (not injected)', 0, result.deadLetters.unexpected, verdict(result.deadLetters.unexpected === 0)], w1));
  if (result.deadLetters.injected > 0) {
    lines.push(row(['malformed messages dead-lettered', result.deadLetters.injected, result.deadLetters.injectedFound, verdict(result.deadLetters.injected === result.deadLetters.injectedFound)], w1));
  }
  lines.push('');
  const w2 = [22, 28, 9, 9, 5, 10, 4];
  lines.push(row(['topic', 'consumer group', 'produced', 'consumed', 'lost', 'inversions', 'lag'], w2));
  for (const r of result.delivery) lines.push(row([r.topic.replace(/^.*?\.homeward\./, 'homeward.'), r.group, r.produced, r.consumed, r.lost, r.inversions, r.lag], w2));
  lines.push(`(${result.republished} event(s) published twice by a relay that crashed between send and mark; consumers skipped the copies by id)`);
  lines.push('');
  lines.push(`lost ${result.lost}, duplicated ${result.duplicated}, inversions ${result.inversions}, unfinished ${result.unfinished}: ${result.ok ? 'PASSED' : 'FAILED'}`);
  return lines.join('\n');
}
