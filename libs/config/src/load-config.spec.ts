import { z } from 'zod';
import { ConfigError } from './load-config';
import { commonEnv, loadConfig, port } from './index';

describe('loadConfig', () => {
  const shape = { ...commonEnv, PORT: port(3001), DB_NAME: z.string().min(1) };

  it('parses defaults and coerces numbers', () => {
    const config = loadConfig(shape, { DB_NAME: 'intake', PORT: '4000' });
    expect(config.PORT).toBe(4000);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.MONGO_URL).toBe('mongodb://127.0.0.1:27017');
  });

  it('splits a broker list', () => {
    expect(loadConfig(shape, { DB_NAME: 'x', KAFKA_BROKERS: 'a:1, b:2' }).KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
  });

  it('derives the server addresses from the local servers\' ports, unless the addresses are set', () => {
    expect(loadConfig(shape, { DB_NAME: 'x', KAFKA_PORT: '19092', MONGO_PORT: '37017' })).toMatchObject({
      KAFKA_BROKERS: ['127.0.0.1:19092'],
      MONGO_URL: 'mongodb://127.0.0.1:37017',
    });
    expect(loadConfig(shape, { DB_NAME: 'x', KAFKA_PORT: '19092', KAFKA_BROKERS: 'kafka:9092' }).KAFKA_BROKERS).toEqual(['kafka:9092']);
  });

  it('fails naming every bad variable', () => {
    let error: unknown;
    try {
      loadConfig(shape, { PORT: 'seventy', KAFKA_BROKERS: 'nohost' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables).toEqual(expect.arrayContaining(['PORT', 'DB_NAME', 'KAFKA_BROKERS']));
    expect((error as ConfigError).message).toMatch(/PORT:/);
  });
});
