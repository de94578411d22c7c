import { webhookSignature } from './webhook-signature';

export interface WebhookOutcome {
  readonly ok: boolean;
  readonly statusCode?: number | undefined;
  readonly error?: string | undefined;
  readonly durationMs: number;
}

/** One signed POST; any 2xx is success, anything else (status, timeout, refused connection) a failure to retry. */
export async function sendWebhook(request: { url: string; secret: string; id: string; body: string; timeoutMs: number }): Promise<WebhookOutcome> {
  const started = Date.now();
  const timestamp = Math.floor(started / 1000);
  try {
    const res = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'webhook-id': request.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': webhookSignature(request.secret, request.id, timestamp, request.body),
      },
      body: request.body,
    });
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, ...(ok ? {} : { error: `endpoint answered ${res.status}` }), durationMs: Date.now() - started };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`, durationMs: Date.now() - started };
  }
}
