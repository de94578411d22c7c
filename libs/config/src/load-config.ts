import { z } from 'zod';

export class ConfigError extends Error {
  constructor(readonly variables: readonly string[], message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against a schema whose keys are the variable
 * names, and fails fast with a message that names every bad variable, so a
 * service never starts half-configured.
 */
export function loadConfig<TShape extends z.ZodRawShape>(
  shape: TShape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<TShape>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    return { name, line: `${name}: ${issue.message}` };
  });
  throw new ConfigError(
    problems.map((p) => p.name),
    `Invalid configuration:\n  ${problems.map((p) => p.line).join('\n  ')}`,
  );
}
