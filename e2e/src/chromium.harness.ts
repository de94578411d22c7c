import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's. On a
 * fresh machine where the tests run as root (CI, the development
 * machines), Debian's package is installed here, once, so `npm test` needs
 * nothing installed beforehand; elsewhere the message says what to do.
 */
export function provisionChromium(): string {
  const named = process.env['CHROMIUM_PATH'];
  if (named) {
    if (!existsSync(named)) throw new Error(`CHROMIUM_PATH names ${named}, which does not exist`);
    return named;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (process.getuid?.() !== 0) throw new Error(`no Chromium at ${DEBIAN_CHROMIUM}: run 'sudo apt-get install chromium' or set CHROMIUM_PATH`);
  process.stderr.write('Chromium is missing: installing Debian\'s chromium package (once)…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env, timeout: 600_000 });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-noto-core'], { stdio: 'inherit', env, timeout: 900_000 });
  if (!existsSync(DEBIAN_CHROMIUM)) throw new Error(`apt-get installed chromium, but ${DEBIAN_CHROMIUM} is not there`);
  return DEBIAN_CHROMIUM;
}
