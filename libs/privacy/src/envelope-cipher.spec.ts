import { randomBytes } from 'node:crypto';
import { blindIndex, BLIND_PREFIX } from './blind-index';
import { decrypt, encrypt } from './envelope-cipher';
import { keyVaultDbFor, privacyEnv, privacySettings } from './privacy-env';
import { DecryptionError } from './privacy.errors';
import { z } from 'zod';
import { loadConfig } from '@homeward/config';

const privacyEnvNode = z.enum(['development', 'test', 'production']).default('development');
const prefixEnv = z.string().default('');

describe('AES-256-GCM envelope', () => {
  const key = randomBytes(32);

  it('opens what it sealed, with a fresh nonce each time', () => {
    const a = encrypt(key, Buffer.from('Zarina Qadirova'), 'case-1:personal');
    const b = encrypt(key, Buffer.from('Zarina Qadirova'), 'case-1:personal');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('Zarina');
    expect(decrypt(key, a, 'case-1:personal').toString()).toBe('Zarina Qadirova');
  });

  it('refuses ciphertext moved to another case or field, altered, or opened with another key', () => {
    const sealed = encrypt(key, Buffer.from('x'), 'case-1:personal');
    expect(() => decrypt(key, sealed, 'case-2:personal')).toThrow(DecryptionError);
    expect(() => decrypt(key, sealed, 'case-1:names')).toThrow(DecryptionError);
    const altered = Buffer.from(sealed);
    altered[altered.length - 1]! ^= 1;
    expect(() => decrypt(key, altered, 'case-1:personal')).toThrow(DecryptionError);
    expect(() => decrypt(randomBytes(32), sealed, 'case-1:personal')).toThrow(DecryptionError);
    expect(() => decrypt(key, Buffer.alloc(5), 'case-1:personal')).toThrow(DecryptionError);
  });
});

describe('blind index', () => {
  it('is deterministic per key, differs between keys, and blinds a blinded value no further', () => {
    const k1 = randomBytes(32);
    const k2 = randomBytes(32);
    const once = blindIndex(k1, 't:zarina');
    expect(once.startsWith(BLIND_PREFIX)).toBe(true);
    expect(once).toBe(blindIndex(k1, 't:zarina'));
    expect(once).not.toBe(blindIndex(k2, 't:zarina'));
    expect(once).not.toContain('zarina');
    expect(blindIndex(k1, once)).toBe(once);
  });
});

describe('privacy configuration', () => {
  const load = (env: Record<string, string>) => privacySettings(loadConfig({ ...privacyEnv, NODE_ENV: privacyEnvNode, HOMEWARD_TOPIC_PREFIX: prefixEnv }, env));

  it('uses the development key outside production and refuses to start without a key in production', () => {
    expect(load({}).masterKeys.current.id).toBe('development');
    expect(() => load({ NODE_ENV: 'production' })).toThrow(/HOMEWARD_MASTER_KEY: required in production/);
  });

  it('takes a master key with its id and older keys for rotation, and names a bad variable', () => {
    const current = randomBytes(32).toString('base64');
    const old = randomBytes(32).toString('base64');
    const settings = load({ HOMEWARD_MASTER_KEY: current, HOMEWARD_MASTER_KEY_ID: 'k2', HOMEWARD_PREVIOUS_MASTER_KEYS: `k1:${old}` });
    expect(settings.masterKeys.current).toEqual({ id: 'k2', key: Buffer.from(current, 'base64') });
    expect(settings.masterKeys.previous.map((k) => k.id)).toEqual(['k1']);
    expect(() => load({ HOMEWARD_MASTER_KEY: 'c2hvcnQ=' })).toThrow(/HOMEWARD_MASTER_KEY: expected 32 bytes/);
    expect(() => load({ HOMEWARD_PREVIOUS_MASTER_KEYS: 'k1' })).toThrow(/HOMEWARD_PREVIOUS_MASTER_KEYS/);
  });

  it('gives every topic prefix its own key vault and a stack without prefix the shared one', () => {
    expect(keyVaultDbFor('')).toBe('homeward_keyvault');
    expect(keyVaultDbFor('e2e-abc.1')).toBe('e2e-abc_1_keyvault');
    expect(load({ HOMEWARD_TOPIC_PREFIX: 'x1' }).keyVaultDb).toBe('x1_keyvault');
    expect(load({ HOMEWARD_KEY_VAULT_DB: 'vault' }).keyVaultDb).toBe('vault');
  });
});
