/** RFC 6901 JSON Pointer for a path into a document: `['child', 'names', 0]` → `/child/names/0`. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => `/${escapeSegment(String(segment))}`).join('');
}

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
