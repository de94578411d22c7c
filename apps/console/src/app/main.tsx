import { createRoot } from 'react-dom/client';
import { loadSession, signIn } from '../modules/auth/utils/sign-in';
import { useCsrfToken } from '../modules/ui/utils/api-client';
import { App } from './app';
import './console.css';

/**
 * Who is signed in decides everything the console shows; without a session
 * (never signed in, or it has ended) the person goes to the issuer's
 * sign-in and comes back here, never to an error page.
 */
async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  if (window.location.pathname === '/signed-out') {
    root.render(<App />);
    return;
  }
  const session = await loadSession();
  if (!session) {
    signIn();
    return;
  }
  useCsrfToken(session.csrfToken);
  root.render(<App session={session} />);
}

void start();
