import { randomBytes } from 'node:crypto';
import { privacySettings } from './privacy-env';

describe('privacySettings', () => {
  const base = { NODE_ENV: 'development', HOMEWARD_TOPIC_PREFIX: '', HOMEWARD_MASTER_KEY_ID: 'k1', HOMEWARD_PREVIOUS_MASTER_KEYS: [], KEY_CACHE_TTL_MS: 5_000 };

  it('refuses the public development key in production, by NODE_ENV or HOMEWARD_ENV', () => {
    expect(() => privacySettings({ ...base, NODE_ENV: 'production' })).toThrow('HOMEWARD_MASTER_KEY: required in production');
    expect(() => privacySettings({ ...base, HOMEWARD_ENV: 'production' })).toThrow('HOMEWARD_MASTER_KEY: required in production');
  });

  it('takes the configured master key, and the development key elsewhere', () => {
    const key = randomBytes(32);
    expect(privacySettings({ ...base, HOMEWARD_ENV: 'production', HOMEWARD_MASTER_KEY: key.toString('base64') }).masterKeys.current).toEqual({ id: 'k1', key });
    expect(privacySettings(base).masterKeys.current.id).toBe('development');
  });
});
