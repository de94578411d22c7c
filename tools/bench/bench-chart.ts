import { describeTarget, verdict, type TargetCheck } from './bench-targets';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** How much of its budget a figure uses: 1 is the target; above 1 misses it. */
export function budgetUsed(t: TargetCheck): number | undefined {
  if (t.measured === undefined || !Number.isFinite(t.measured) || t.measured <= 0) return undefined;
  return t.rule === 'at-least' ? t.limit / t.measured : t.measured / t.limit;
}

/**
 * An SVG of every target (bar: share of the budget used, on a log scale
 * from 1/100 to 100× so a figure far off the target still shows) and of
 * each service's peak memory. Written by hand: no network, no chart library.
 */
export function benchChart(title: string, targets: readonly TargetCheck[], rssMb: Readonly<Record<string, number>>): string {
  const width = 960;
  const left = 420;
  const barWidth = width - left - 40;
  const row = 30;
  const top = 70;
  const x = (used: number) => left + ((Math.log10(Math.min(100, Math.max(0.01, used))) + 2) / 4) * barWidth;
  const services = Object.entries(rssMb);
  const rssTop = top + targets.length * row + 60;
  const height = rssTop + services.length * row + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="20" y="28" font-size="17" font-weight="bold">${escape(title)}</text>`,
    `<text x="20" y="50" fill="#555">Share of each target's budget used (log scale; the line is the target, left of it passes)</text>`,
  ];
  for (const tick of [0.01, 0.1, 1, 10, 100]) {
    parts.push(`<line x1="${x(tick)}" y1="${top - 8}" x2="${x(tick)}" y2="${top + targets.length * row}" stroke="${tick === 1 ? '#000' : '#ddd'}" stroke-dasharray="${tick === 1 ? '4 3' : '0'}"/>`);
    parts.push(`<text x="${x(tick)}" y="${top + targets.length * row + 16}" text-anchor="middle" fill="#555">${tick}×</text>`);
  }
  targets.forEach((t, i) => {
    const y = top + i * row;
    const used = budgetUsed(t);
    const figure = t.measured === undefined ? 'not measured' : `${Number.isFinite(t.measured) ? t.measured.toLocaleString('en') : String(t.measured)} ${t.unit}`;
    parts.push(`<text x="20" y="${y + 15}">${escape(t.name)}</text>`);
    if (used !== undefined) {
      const colour = t.pass ? '#2e7d32' : '#c62828';
      parts.push(`<rect x="${x(0.01)}" y="${y + 3}" width="${Math.max(1, x(used) - x(0.01))}" height="${row - 10}" fill="${colour}" opacity="0.45"/>`);
    }
    parts.push(`<text x="${x(0.01) + 6}" y="${y + 15}" fill="${used === undefined ? '#777' : '#000'}">${escape(`${figure} (${describeTarget(t)}) ${verdict(t)}`)}</text>`);
  });
  parts.push(`<text x="20" y="${rssTop - 14}" fill="#555">Peak resident memory per service (MB; the line is the 300 MB target)</text>`);
  const maxMb = Math.max(400, ...services.map(([, mb]) => mb));
  const mbX = (mb: number) => left + (mb / maxMb) * barWidth;
  parts.push(`<line x1="${mbX(300)}" y1="${rssTop - 6}" x2="${mbX(300)}" y2="${rssTop + services.length * row}" stroke="#000" stroke-dasharray="4 3"/>`);
  services.forEach(([name, mb], i) => {
    const y = rssTop + i * row;
    parts.push(`<text x="20" y="${y + 15}">${escape(name)}</text>`);
    parts.push(`<rect x="${left}" y="${y + 3}" width="${Math.max(1, mbX(mb) - left)}" height="${row - 10}" fill="${mb <= 300 ? '#1565c0' : '#c62828'}" opacity="0.8"/>`);
    parts.push(`<text x="${mbX(mb) + 6}" y="${y + 15}">${mb.toFixed(0)} MB</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
