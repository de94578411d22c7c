import type { FieldViolation } from '@homeward/errors';
import { toJsonPointer } from './json-pointer';

const MESSAGE = "keys must not start with '$' or contain '.'";
const MAX_REPORTED = 20;

interface Node {
  readonly value: unknown;
  readonly key?: PropertyKey;
  readonly parent?: Node;
}

/**
 * Keys a MongoDB query or update would read as operators or paths
 * (`{"$where": …}`, `{"a.b": …}`), and `__proto__`, which would reach the
 * object prototype once copied. The walk is iterative and keeps parent links
 * rather than paths: a 256 kB body can nest deeper than the call stack, and
 * copying paths would cost depth² on such a body. At most 20 are reported.
 */
export function findForbiddenKeys(document: unknown): FieldViolation[] {
  const violations: FieldViolation[] = [];
  const pending: Node[] = [{ value: document }];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const { value } = node;
    if (typeof value !== 'object' || value === null) continue;
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, child] of entries) {
      if (typeof key === 'string' && isForbiddenKey(key)) {
        violations.push({ field: toJsonPointer(pathOf({ value: child, key, parent: node })), message: MESSAGE });
        if (violations.length === MAX_REPORTED) return sorted(violations);
      } else {
        pending.push({ value: child, key, parent: node });
      }
    }
  }
  return sorted(violations);
}

export function isForbiddenKey(key: string): boolean {
  return key.startsWith('$') || key.includes('.') || key === '__proto__';
}

function pathOf(node: Node): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

function sorted(violations: FieldViolation[]): FieldViolation[] {
  return violations.sort((a, b) => a.field.localeCompare(b.field));
}
