import type { ConsoleSession } from '../session.types';

/** To the issuer's sign-in, coming back to where the person was. */
export function signIn(returnTo: string = window.location.pathname + window.location.search): void {
  window.location.assign(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
}

/** Who is signed in, or undefined (no session, or it has ended). */
export async function loadSession(): Promise<ConsoleSession | undefined> {
  const answer = await fetch('/auth/session', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (answer.status === 401) return undefined;
  if (!answer.ok) throw new Error(`session: ${answer.status}`);
  return (await answer.json()) as ConsoleSession;
}

/** Ends the console session, then the issuer's. */
export async function signOut(csrfToken: string): Promise<void> {
  const answer = await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrfToken } });
  const { redirect } = (await answer.json()) as { redirect: string };
  window.location.assign(redirect);
}
