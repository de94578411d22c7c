import { testAuthEnv, testToken } from '@homeward/testing';
import type { AccessTokenProvider } from '../scenario/api-client';

/**
 * The chaos run is a test harness on servers of its own: its services trust
 * the in-process test issuer, and every step acts as its user with the roles
 * the step needs, with a token of that issuer.
 */
export const chaosAuthEnv = (): Record<string, string> => testAuthEnv();

export const chaosAccessToken: AccessTokenProvider = (actor) => testToken({ sub: actor.userId, roles: actor.roles ?? [] });
