/** A service's RFC 9457 answer, as the console shows it. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status: number;
  readonly detail?: string;
  /** 400: each invalid field, as a JSON Pointer into the body (`/names/0/given`) or a parameter name; 422: each failed rule. */
  readonly violations?: readonly { field?: string; rule?: string; caseId?: string; message: string }[];
  /** 422: the business rule that refused the command. */
  readonly rule?: string;
  readonly [extension: string]: unknown;
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiProblem';
  }

  get status(): number {
    return this.problem.status;
  }

  /** The message of the violation that names this field (a JSON Pointer, or its last segment). */
  fieldMessage(pointer: string): string | undefined {
    const wanted = pointer.startsWith('/') ? pointer : `/${pointer}`;
    return this.problem.violations?.find((v) => v.field !== undefined && v.field.replace(/^\//, '') === wanted.slice(1))?.message;
  }
}
