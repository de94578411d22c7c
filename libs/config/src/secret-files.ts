import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error';

/**
 * The variables that hold a secret. Each may instead be given as a file,
 * `<NAME>_FILE=/run/secrets/…`, which is how Kubernetes and Docker mount
 * secrets: the value then never sits in the process environment, where
 * `kubectl describe`, crash reports and child processes would see it.
 * A new secret variable anywhere in the system is added here.
 */
export const SECRET_VARIABLES = [
  'HOMEWARD_MASTER_KEY',
  'HOMEWARD_PREVIOUS_MASTER_KEYS',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'MONGO_USERNAME',
  'MONGO_PASSWORD',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'UNSUBSCRIBE_KEY',
] as const;

/**
 * The environment with every `<SECRET>_FILE` of the given variables read in
 * as `<SECRET>`. The file's content is taken as it is but for one trailing
 * line break (what `echo` and most editors add). Both forms at once, or a
 * file that cannot be read, is refused naming the variable.
 */
export function withSecretFiles(env: NodeJS.ProcessEnv, variables: Iterable<string>): NodeJS.ProcessEnv {
  const secrets = new Set<string>(SECRET_VARIABLES);
  const read: NodeJS.ProcessEnv = {};
  const problems: { name: string; line: string }[] = [];
  for (const name of variables) {
    const file = env[`${name}_FILE`];
    if (!secrets.has(name) || file === undefined || file === '') continue;
    if (env[name] !== undefined && env[name] !== '') {
      problems.push({ name, line: `${name}: set both ${name} and ${name}_FILE; give only one of them` });
      continue;
    }
    try {
      read[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push({ name: `${name}_FILE`, line: `${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(
      problems.map((p) => p.name),
      `Invalid configuration:\n  ${problems.map((p) => p.line).join('\n  ')}`,
    );
  }
  return { ...env, ...read };
}
