import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { infraDir } from './chart-tools.harness';

type ComposeService = {
  image?: string;
  build?: unknown;
  profiles?: string[];
  user?: string;
  read_only?: boolean;
  cap_drop?: string[];
  tmpfs?: string[];
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
};

const HOMEWARD = ['dev-issuer', 'topics', 'intake', 'legal', 'logistics', 'notification', 'dashboard', 'console'];
const APPS = ['intake', 'legal', 'logistics', 'notification', 'dashboard', 'console'];

/**
 * What can be checked of infra/docker-compose.yml and the Dockerfile without
 * a Docker engine (none on the development and CI machines): their
 * structure. `docker compose config`, a build and a run are not.
 */
describe('the compose file', () => {
  const compose = parse(readFileSync(join(infraDir, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
  const services = compose.services;

  it('runs the servers by default and the whole system under the profile system', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['kafka', 'mongo', 'mailpit', ...HOMEWARD]));
    for (const name of ['kafka', 'mongo', 'mailpit']) expect({ name, profiles: services[name]!.profiles }).toEqual({ name, profiles: undefined });
    for (const name of HOMEWARD) expect({ name, profiles: services[name]!.profiles }).toEqual({ name, profiles: ['system'] });
  });

  it('gives every service an image and a health check, and every server a pinned image', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:[\w.${}:-]+$/) });
      expect({ name, latest: service.image!.endsWith(':latest') }).toEqual({ name, latest: false });
      if (['jaeger', 'otel-collector'].includes(name)) continue; // their images have no shell or client to probe with
      if (name === 'topics') {
        expect(service.healthcheck).toEqual({ disable: true }); // a one-shot job, awaited by completion
        continue;
      }
      expect({ name, healthcheck: service.healthcheck?.test?.length ?? 0 }).toEqual({ name, healthcheck: expect.any(Number) });
      expect(service.healthcheck!.test!.length).toBeGreaterThan(1);
    }
  });

  it('runs every Homeward process from the image as non-root, read-only, without capabilities', () => {
    for (const name of HOMEWARD) {
      const s = services[name]!;
      expect({ name, image: s.image, user: s.user, read_only: s.read_only, cap_drop: s.cap_drop, tmpfs: s.tmpfs }).toEqual({
        name,
        image: 'homeward:${HOMEWARD_TAG:-dev}',
        user: '10001:10001',
        read_only: true,
        cap_drop: ['ALL'],
        tmpfs: ['/tmp'],
      });
    }
  });

  it('starts each app from its bundle, listening on the container interface, after the servers and the topics', () => {
    for (const app of APPS) {
      const s = services[app]!;
      expect(s.command).toEqual(['node', `dist/apps/${app}/main.js`]);
      expect(s.environment).toMatchObject({ HOST: '0.0.0.0', PORT: '8080', KAFKA_BROKERS: 'kafka:19092' });
      expect(s.depends_on).toMatchObject({ kafka: { condition: 'service_healthy' }, mongo: { condition: 'service_healthy' }, topics: { condition: 'service_completed_successfully' } });
    }
    expect(services['topics']!.command).toEqual(['node', 'dist/tools/topics.js', 'apply', '--replication-factor', '1']);
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(join(infraDir, 'docker/Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#'));
  const last = instructions.slice(instructions.findLastIndex((l) => l.startsWith('FROM ')));

  it('builds in stages on the official Node 24 slim image', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-[a-z]+-slim$/m);
    expect(instructions.filter((l) => l.startsWith('FROM ')).length).toBeGreaterThanOrEqual(3);
    expect(instructions.filter((l) => l.startsWith('FROM ')).every((l) => l.startsWith('FROM ${NODE_IMAGE}'))).toBe(true);
  });

  it('runs production dependencies only, as a numeric non-root user, on 0.0.0.0, with a health check', () => {
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(last.find((l) => l.startsWith('USER '))).toMatch(/^USER [1-9]\d{3,}:[1-9]\d{3,}$/);
    expect(last.find((l) => l.startsWith('ENV '))).toMatch(/HOST=0\.0\.0\.0/);
    expect(last.find((l) => l.startsWith('HEALTHCHECK '))).toContain('/health/live');
    // Nothing of the build stage but dist/ reaches the runtime image.
    expect(last.filter((l) => l.startsWith('COPY --from=build'))).toEqual(['COPY --from=build /src/dist ./dist']);
  });

  it('keeps the local node_modules, dist and run data out of the build context', () => {
    const ignored = readFileSync(join(infraDir, '../.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'dist', '.run', 'tmp']));
  });
});
