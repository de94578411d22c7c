/**
 * Whether the SMTP side already holds a message with this Message-ID. Only a
 * development server (Mailpit's API) can answer; production has none, and the
 * deterministic Message-ID is what lets a duplicate be recognised there.
 */
export type SentMailLookup = (messageId: string) => Promise<boolean>;

export function mailpitSentMailLookup(baseUrl: string): SentMailLookup {
  return async (messageId) => {
    const query = encodeURIComponent(`message-id:"${messageId.replace(/^<|>$/g, '')}"`);
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/v1/search?query=${query}&limit=1`);
    if (!res.ok) throw new Error(`Mailpit search answered ${res.status}`);
    const body = (await res.json()) as { messages_count?: number; messages?: unknown[] };
    return (body.messages_count ?? body.messages?.length ?? 0) > 0;
  };
}
