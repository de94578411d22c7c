import { SessionStore } from './session.store';

const user = { userId: 'case-worker-1', name: 'C', roles: ['case-worker'], agency: 'a' };

describe('the console session store', () => {
  it('gives each session an unguessable id and CSRF token of its own', () => {
    const store = new SessionStore();
    const a = store.create({ user, accessToken: 't1', expiresAt: Date.now() + 60_000 });
    const b = store.create({ user, accessToken: 't2', expiresAt: Date.now() + 60_000 });
    expect(a.id).not.toBe(b.id);
    expect(a.csrfToken).not.toBe(a.id);
    expect(a.id.length).toBeGreaterThanOrEqual(43);
    expect(store.get(a.id)?.accessToken).toBe('t1');
  });

  it('forgets a session once it has expired, and one that was ended', () => {
    let now = 1_000;
    const store = new SessionStore(() => now);
    const s = store.create({ user, accessToken: 't', expiresAt: 2_000 });
    const other = store.create({ user, accessToken: 'u', expiresAt: 9_000 });
    now = 2_000;
    expect(store.get(s.id)).toBeUndefined();
    expect(store.get(other.id)).toBeDefined();
    store.end(other.id);
    expect(store.get(other.id)).toBeUndefined();
    expect(store.get(undefined)).toBeUndefined();
  });

  it('finishes a sign-in under way once only, and not after ten minutes', () => {
    let now = 0;
    const store = new SessionStore(() => now);
    const state = store.begin({ codeVerifier: 'v', nonce: 'n', returnTo: '/cases' });
    expect(store.finish(state)).toMatchObject({ codeVerifier: 'v', nonce: 'n', returnTo: '/cases' });
    expect(store.finish(state)).toBeUndefined();
    const late = store.begin({ codeVerifier: 'v', nonce: 'n', returnTo: '/' });
    now = 10 * 60_000;
    expect(store.finish(late)).toBeUndefined();
  });
});
