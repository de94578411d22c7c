import type { FieldViolation } from '@homeward/errors';
import type { z } from 'zod';

/** Names a field for a path: a JSON Pointer for bodies, `query.x` for parameters. */
export type FieldNamer = (path: readonly PropertyKey[]) => string;

/**
 * One violation per offending field. Unknown keys of strict objects come as
 * one zod issue listing all keys; they become one violation each, so every
 * field is named. A missing field reads "is required" rather than zod's
 * "expected string, received undefined". Messages never echo input values.
 */
export function zodIssuesToViolations(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  fieldOf: FieldNamer,
): FieldViolation[] {
  return issues.flatMap((issue): FieldViolation[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), message: 'is not allowed' }));
    }
    const message =
      issue.code === 'invalid_type' && isMissing(input, issue.path) ? 'is required' : issue.message;
    return [{ field: fieldOf(issue.path), message }];
  });
}

function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return input === undefined;
  let parent: unknown = input;
  for (const key of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return false;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  const last = path[path.length - 1] as PropertyKey;
  return typeof parent === 'object' && parent !== null && !Object.hasOwn(parent, last);
}
