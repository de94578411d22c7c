/** Only a path of this console may be returned to after sign-in (no open redirect, no loop through /auth/). */
export function safeReturnTo(value: unknown): string {
  const path = typeof value === 'string' ? value : '/';
  const local = path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && !/[\r\n]/.test(path);
  return local && !path.startsWith('/auth/') ? path : '/';
}
