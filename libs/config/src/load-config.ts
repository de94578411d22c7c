import { z } from 'zod';
import { ConfigError } from './config-error';
import { withSecretFiles } from './secret-files';

export { ConfigError };

/**
 * Validates the environment against a schema whose keys are the variable
 * names, and fails fast with a message that names every bad variable, so a
 * service never starts half-configured. A secret variable may be given as
 * a file instead (`<NAME>_FILE`, see secret-files.ts).
 */
export function loadConfig<TShape extends z.ZodRawShape>(
  shape: TShape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<TShape>> {
  const result = z.object(shape).safeParse(withLocalServerDefaults(withSecretFiles(env, Object.keys(shape))));
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

/**
 * The local servers' scripts take ports (KAFKA_PORT, MONGO_PORT, as in
 * infra/README.md); the services take addresses. Where only a port is set,
 * the address follows it, so one set of variables moves the whole stack.
 */
function withLocalServerDefaults(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...(env['KAFKA_PORT'] ? { KAFKA_BROKERS: `127.0.0.1:${env['KAFKA_PORT']}` } : {}),
    ...(env['MONGO_PORT'] ? { MONGO_URL: `mongodb://127.0.0.1:${env['MONGO_PORT']}` } : {}),
    ...env,
  };
}
