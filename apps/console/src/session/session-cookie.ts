import type { CookieOptions, Request, Response } from 'express';

/** The session cookie: httpOnly, SameSite=Lax (the issuer's redirect back is a top-level navigation), Secure over https. */
export function sessionCookies(secure: boolean) {
  // `__Host-` binds the cookie to this origin (Secure, Path=/, no Domain); browsers allow it only over https.
  const session = secure ? '__Host-homeward-session' : 'homeward-session';
  const signIn = secure ? '__Host-homeward-sign-in' : 'homeward-sign-in';
  const base: CookieOptions = { httpOnly: true, sameSite: 'lax', secure, path: '/' };
  return {
    read: (req: Request) => cookieOf(req, session),
    set: (res: Response, id: string, maxAgeMs: number) => res.cookie(session, id, { ...base, maxAge: maxAgeMs }),
    clear: (res: Response) => res.clearCookie(session, base),
    /** Binds a sign-in under way to the browser that started it (login CSRF). */
    readSignIn: (req: Request) => cookieOf(req, signIn),
    setSignIn: (res: Response, state: string) => res.cookie(signIn, state, { ...base, maxAge: 10 * 60_000 }),
    clearSignIn: (res: Response) => res.clearCookie(signIn, base),
  };
}
export type SessionCookies = ReturnType<typeof sessionCookies>;

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}
