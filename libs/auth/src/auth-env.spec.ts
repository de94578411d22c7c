import { commonEnv, loadConfig } from '@homeward/config';
import { authEnv, authSettingsOf } from './auth-env';

const settings = (env: NodeJS.ProcessEnv) => authSettingsOf(loadConfig({ ...authEnv, NODE_ENV: commonEnv.NODE_ENV }, env));

describe('authSettingsOf', () => {
  it('trusts the development issuer by default outside production', () => {
    expect(settings({})).toMatchObject({ issuer: 'http://127.0.0.1:3009', audience: 'homeward', usesDevelopmentIssuer: true });
    expect(settings({ DEV_ISSUER_PORT: '4009' }).issuer).toBe('http://127.0.0.1:4009');
  });

  it.each([
    ['NODE_ENV=production without an issuer', { NODE_ENV: 'production' }, 'OIDC_ISSUER'],
    ['HOMEWARD_ENV=production without an issuer', { HOMEWARD_ENV: 'production' }, 'OIDC_ISSUER'],
    ['production with the development issuer named', { HOMEWARD_ENV: 'production', OIDC_ISSUER: 'http://127.0.0.1:3009' }, 'OIDC_ISSUER'],
    ['production with an https loopback issuer', { NODE_ENV: 'production', OIDC_ISSUER: 'https://localhost:3009' }, 'OIDC_ISSUER'],
    ['production with a static key set', { NODE_ENV: 'production', OIDC_ISSUER: 'https://login.example.org', OIDC_JWKS: '{"keys":[{"kty":"EC"}]}' }, 'OIDC_JWKS'],
  ])('refuses to start: %s', (_what, env, variable) => {
    expect(() => settings(env)).toThrow(new RegExp(`${variable}: `));
  });

  it('accepts a real issuer in production', () => {
    expect(settings({ NODE_ENV: 'production', OIDC_ISSUER: 'https://login.example.org/realms/homeward' })).toMatchObject({
      issuer: 'https://login.example.org/realms/homeward',
      usesDevelopmentIssuer: false,
    });
  });

  it.each(['none', 'HS256', 'RS256,HS512'])('refuses the algorithm list %s', (list) => {
    expect(() => settings({ OIDC_ALGORITHMS: list })).toThrow(/OIDC_ALGORITHMS/);
  });
});
