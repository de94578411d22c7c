import type { DevUser } from '@homeward/auth';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f24}
main{max-inline-size:36rem;margin-block:3rem;margin-inline:auto;padding:1.5rem;background:#fff;border-radius:8px}
h1{font-size:1.4rem;margin-block-start:0}ul{list-style:none;padding:0;margin:0}li{margin-block-end:.5rem}
button{inline-size:100%;text-align:start;padding:.75rem 1rem;font:inherit;border:1px solid #8a96a3;border-radius:6px;background:#fff;cursor:pointer}
button:hover,button:focus-visible{background:#e8f0fe;outline:3px solid #1a56b0;outline-offset:1px}
.roles{display:block;color:#4a5561;font-size:.9rem}.error{color:#a4000f}`;

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;

/** The development sign-in: every seeded user by name; one click signs in as that user. */
export function signInPage({ uid, users, error }: { uid: string; users: readonly DevUser[]; error?: string }): string {
  const items = users
    .map(
      (u) => `<li><button type="submit" name="userId" value="${escape(u.userId)}" data-user="${escape(u.userId)}">${escape(u.name)}
<span class="roles">${escape(u.roles.join(', '))} · ${escape(u.agency)}</span></button></li>`,
    )
    .join('\n');
  return layout(
    'Sign in — Homeward development issuer',
    `<h1>Sign in to Homeward</h1>
<p>Development issuer: choose the person to sign in as.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/sign-in"><ul>${items}</ul></form>`,
  );
}

/** RP-initiated sign-out: oidc-provider's form (with its CSRF token), submitted at once; the button is there without script. */
export function signOutPage(form: string): string {
  return layout(
    'Signing out — Homeward',
    `<h1>Signing out</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign out</button>
<script>document.getElementById('op.logoutForm').insertAdjacentHTML('beforeend','<input type="hidden" name="logout" value="yes">');document.getElementById('op.logoutForm').submit()</script>`,
  );
}

export function signedOutPage(message = 'You are signed out.'): string {
  return layout('Homeward', `<h1>Homeward</h1><p>${escape(message)}</p>`);
}
