import { randomBytes } from 'node:crypto';

/** Who is signed in, as the issuer's access token says. */
export interface SessionUser {
  readonly userId: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly agency: string;
}

export interface Session {
  readonly id: string;
  /** Sent by the front end in x-csrf-token on every state-changing call. */
  readonly csrfToken: string;
  readonly user: SessionUser;
  readonly accessToken: string;
  readonly idToken?: string;
  /** Epoch ms: the earlier of the access token's expiry and the console's session lifetime. */
  readonly expiresAt: number;
}

/** A sign-in under way: what the callback needs to finish it (RFC 7636 verifier, state, nonce). */
export interface PendingSignIn {
  readonly codeVerifier: string;
  readonly nonce: string;
  readonly returnTo: string;
  readonly expiresAt: number;
}

const newId = () => randomBytes(32).toString('base64url');

/**
 * Sessions and sign-ins under way, kept in the console's memory: the tokens
 * never leave the server, the browser holds only the session id. One
 * console process per deployment keeps them; a restart signs everyone out,
 * which sends them through the issuer again (usually a single click).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly pending = new Map<string, PendingSignIn>();

  constructor(private readonly now: () => number = Date.now) {}

  begin(sign: Omit<PendingSignIn, 'expiresAt'>, ttlMs = 10 * 60_000): string {
    this.sweep();
    const state = newId();
    this.pending.set(state, { ...sign, expiresAt: this.now() + ttlMs });
    return state;
  }

  /** The sign-in of this state, once: a replayed callback finds nothing. */
  finish(state: string): PendingSignIn | undefined {
    const found = this.pending.get(state);
    this.pending.delete(state);
    return found && found.expiresAt > this.now() ? found : undefined;
  }

  create(fields: Omit<Session, 'id' | 'csrfToken'>): Session {
    this.sweep();
    const session = { ...fields, id: newId(), csrfToken: newId() };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session of this id; an expired one is forgotten. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (session && session.expiresAt <= this.now()) this.sessions.delete(id);
    return session && session.expiresAt > this.now() ? session : undefined;
  }

  end(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    return session;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
    for (const [state, p] of this.pending) if (p.expiresAt <= now) this.pending.delete(state);
  }
}
