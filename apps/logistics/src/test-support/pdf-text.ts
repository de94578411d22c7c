import { inflateSync } from 'node:zlib';

/**
 * The text a PDF made by pdfkit shows, for tests: pdfkit deflates content
 * streams and writes text as hex glyph codes in TJ arrays (WinAnsi for the
 * standard fonts), so the bytes never contain the text as such.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const contents: string[] = [];
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const bytes = Buffer.from(m[1]!, 'latin1');
    try {
      contents.push(inflateSync(bytes).toString('latin1'));
    } catch {
      contents.push(m[1]!);
    }
  }
  const lines: string[] = [];
  for (const content of contents) {
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push([...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''));
    }
  }
  return lines.join('\n');
}
