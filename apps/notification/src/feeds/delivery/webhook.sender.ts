import { webhookSignatureHeader } from './webhook-signature';

export interface WebhookOutcome {
  readonly ok: boolean;
  readonly statusCode?: number | undefined;
  readonly error?: string | undefined;
  readonly durationMs: number;
}

/** One signed POST; any 2xx is success, anything else (status, timeout, refused connection) a failure to retry. */
export interface WebhookRequest {
  readonly url: string;
  /** One signature per secret (Standard Webhooks allows several in the header). */
  readonly secrets: readonly string[];
  readonly id: string;
  readonly body: string;
  readonly timeoutMs: number;
}

export async function sendWebhook(request: WebhookRequest): Promise<WebhookOutcome> {
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
        'webhook-signature': webhookSignatureHeader(request.secrets, request.id, new Date(timestamp * 1000), request.body),
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
