import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './load-config';
import { kafkaSecurityOf, mongoSecurityOf, transportSecurityEnv } from './transport-security';

const env = (vars: NodeJS.ProcessEnv) => loadConfig(transportSecurityEnv, vars);

describe('transport security', () => {
  it('is off by default: local development stays on plaintext loopback', () => {
    expect(kafkaSecurityOf(env({}))).toEqual({});
    expect(mongoSecurityOf(env({}))).toEqual({});
  });

  it('turns on TLS with a CA and SCRAM credentials for Kafka and MongoDB', () => {
    const ca = join(mkdtempSync(join(tmpdir(), 'homeward-ca-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const config = env({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: ca,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'intake',
      KAFKA_SASL_PASSWORD: 's3cret',
      MONGO_TLS: 'true',
      MONGO_TLS_CA_FILE: ca,
      MONGO_USERNAME: 'intake',
      MONGO_PASSWORD: 'an0ther',
    });
    expect(kafkaSecurityOf(config)).toEqual({ ssl: { ca: [expect.stringContaining('BEGIN CERTIFICATE')] }, sasl: { mechanism: 'scram-sha-512', username: 'intake', password: 's3cret' } });
    expect(mongoSecurityOf(config)).toEqual({ tls: true, tlsCAFile: ca, auth: { username: 'intake', password: 'an0ther' }, authMechanism: 'SCRAM-SHA-256', authSource: 'admin' });
  });

  it.each([
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'x' }, 'KAFKA_SASL_PASSWORD'],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'x', KAFKA_SASL_PASSWORD: 'y' }, 'KAFKA_SASL_MECHANISM'],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' }, 'KAFKA_SSL_CA_FILE'],
  ])('refuses %j naming %s', (vars, variable) => {
    expect(() => kafkaSecurityOf(env(vars))).toThrow(new RegExp(`${variable}: `));
  });

  it('refuses half a MongoDB credential', () => {
    expect(() => mongoSecurityOf(env({ MONGO_USERNAME: 'x' }))).toThrow(/MONGO_PASSWORD: /);
    expect(() => env({ MONGO_TLS: 'yes' })).toThrow(/MONGO_TLS/);
  });
});
