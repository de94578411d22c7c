import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig, SECRET_VARIABLES, transportSecurityEnv } from './index';

describe('secret variables given as files (<NAME>_FILE)', () => {
  let dir: string;
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const refusal = (fn: () => unknown): ConfigError => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'secret-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the value from the file, dropping one trailing line break and nothing else', () => {
    const config = loadConfig(transportSecurityEnv, {
      MONGO_PASSWORD_FILE: file('mongo', ' s3cret \n\n'),
      KAFKA_SASL_PASSWORD_FILE: file('kafka', 'k\r\n'),
      KAFKA_SASL_USERNAME_FILE: file('user', 'homeward-intake'),
    });
    expect(config.MONGO_PASSWORD).toBe(' s3cret \n');
    expect(config.KAFKA_SASL_PASSWORD).toBe('k');
    expect(config.KAFKA_SASL_USERNAME).toBe('homeward-intake');
  });

  it('validates the value read like one given directly', () => {
    const shape = { UNSUBSCRIBE_KEY: z.string().min(32) };
    const error = refusal(() => loadConfig(shape, { UNSUBSCRIBE_KEY_FILE: file('short', 'too short\n') }));
    expect(error.variables).toEqual(['UNSUBSCRIBE_KEY']);
  });

  it('refuses both forms at once, naming the variable', () => {
    const error = refusal(() => loadConfig(transportSecurityEnv, { MONGO_PASSWORD: 'a', MONGO_PASSWORD_FILE: file('p', 'b') }));
    expect(error.variables).toEqual(['MONGO_PASSWORD']);
    expect(error.message).toContain('MONGO_PASSWORD: set both MONGO_PASSWORD and MONGO_PASSWORD_FILE');
  });

  it('refuses a file it cannot read, naming the _FILE variable and the path', () => {
    const missing = join(dir, 'absent');
    const error = refusal(() => loadConfig(transportSecurityEnv, { KAFKA_SASL_PASSWORD_FILE: missing }));
    expect(error.variables).toEqual(['KAFKA_SASL_PASSWORD_FILE']);
    expect(error.message).toContain(`cannot read ${missing} (ENOENT)`);
  });

  it('reads files only for secret variables of the schema being loaded', () => {
    // KAFKA_SSL_CA_FILE is a path the service reads itself, not the _FILE form of a secret.
    const config = loadConfig({ ...transportSecurityEnv, NOT_SECRET: z.string().optional() }, { NOT_SECRET_FILE: join(dir, 'absent'), KAFKA_SSL_CA_FILE: '/ca.pem' });
    expect(config.NOT_SECRET).toBeUndefined();
    expect(config.KAFKA_SSL_CA_FILE).toBe('/ca.pem');
  });

  it('lists the master keys, the passwords and the unsubscribe key as secrets', () => {
    expect(SECRET_VARIABLES).toEqual(
      expect.arrayContaining(['HOMEWARD_MASTER_KEY', 'HOMEWARD_PREVIOUS_MASTER_KEYS', 'KAFKA_SASL_PASSWORD', 'MONGO_PASSWORD', 'SMTP_PASSWORD', 'UNSUBSCRIBE_KEY']),
    );
  });
});
