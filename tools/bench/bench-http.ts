import { testToken } from '@homeward/testing';

export interface BenchAnswer {
  readonly status: number;
  readonly location: string | null;
  readonly body: Record<string, unknown>;
  /** Date.now() when the answer arrived: the moment the service accepted the request. */
  readonly answeredAt: number;
}

/** Refreshed well before the test issuer's hour runs out: a full run takes longer than that. */
const TOKEN_MS = 10 * 60_000;

/**
 * Plain fetch with a bearer token of the test issuer, acting as the one
 * benchmark user (a supervisor who is also a case worker: programmes,
 * registrations, imports, searches and the dashboard). No retries: a
 * refused or failed request is counted by the phase that sent it.
 */
export function benchHttp() {
  let token = '';
  let madeAt = 0;
  const authorization = () => {
    if (Date.now() - madeAt > TOKEN_MS) {
      token = testToken({ sub: 'bench-supervisor', roles: ['supervisor', 'case-worker'] });
      madeAt = Date.now();
    }
    return `Bearer ${token}`;
  };
  return async (method: 'GET' | 'POST', url: string, body?: unknown): Promise<BenchAnswer> => {
    const res = await fetch(url, {
      method,
      headers: { authorization: authorization(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    const answeredAt = Date.now();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { unparsable: text.slice(0, 200) };
    }
    return { status: res.status, location: res.headers.get('location'), body: parsed, answeredAt };
  };
}

export type BenchRequest = ReturnType<typeof benchHttp>;
