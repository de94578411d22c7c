import { readFile } from 'node:fs/promises';
import type { SpanRecord } from './span-record';

/**
 * Reads the spans a FileSpanExporter wrote. A missing file reads as no spans
 * yet, and a last line still being written is skipped, so a test can poll
 * this while services are running.
 */
export async function readSpanRecords(path: string): Promise<SpanRecord[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const complete = text.endsWith('\n') ? text : text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as SpanRecord);
}
