/**
 * The console's client registration at the development issuer. Its secret
 * is public on purpose: the development issuer is refused in production,
 * where the console takes its own from CONSOLE_OIDC_CLIENT_SECRET.
 */
export const DEV_CONSOLE_CLIENT = { id: 'homeward-console', secret: 'homeward-console-development-secret' } as const;
