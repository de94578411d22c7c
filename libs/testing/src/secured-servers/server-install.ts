import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../service-process';

export interface ServerInstall {
  readonly java: string;
  readonly kafkaClasspath: string;
  readonly secantusBin: string;
}

/**
 * The Kafka jars and the SecantusDB binary that infra/scripts/servers.sh
 * provisions (and caches) for the shared servers, so that a test's own
 * secured server runs exactly the same versions.
 */
export function locateServers(): ServerInstall {
  const out = execFileSync('bash', [join(repoRoot, 'infra/scripts/servers.sh'), 'locate'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const vars = Object.fromEntries(
    out
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const { JAVA, KAFKA_CLASSPATH, SECANTUS_BIN } = vars;
  if (!JAVA || !KAFKA_CLASSPATH || !SECANTUS_BIN) throw new Error(`servers.sh locate printed no installation:\n${out}`);
  return { java: JAVA, kafkaClasspath: KAFKA_CLASSPATH, secantusBin: SECANTUS_BIN };
}
