import { z } from 'zod';

const PAGE = 1_000;
const SearchPage = z.object({
  messages_count: z.number(),
  messages: z.array(z.object({ Created: z.string(), To: z.array(z.object({ Address: z.string() })).nullable() })),
});

/**
 * When Mailpit (the SMTP server) accepted the first e-mail to each address
 * containing `fragment`: its `Created` is stamped on receipt, on this machine's clock.
 */
export async function firstArrivals(mailpitUrl: string, fragment: string): Promise<Map<string, number>> {
  const arrivals = new Map<string, number>();
  for (let start = 0; ; start += PAGE) {
    const query = new URLSearchParams({ query: `to:${fragment}`, start: String(start), limit: String(PAGE) });
    const res = await fetch(`${mailpitUrl}/api/v1/search?${query}`);
    if (!res.ok) throw new Error(`Mailpit search answered ${res.status}`);
    const page = SearchPage.parse(await res.json());
    for (const message of page.messages) {
      const at = Date.parse(message.Created);
      for (const to of message.To ?? []) {
        const address = to.Address.toLowerCase();
        if (address.includes(fragment) && !(at >= (arrivals.get(address) ?? Number.POSITIVE_INFINITY))) arrivals.set(address, at);
      }
    }
    if (page.messages.length < PAGE || start + PAGE >= page.messages_count) return arrivals;
  }
}

/** How many e-mails Mailpit holds for addresses containing `fragment` (one cheap search). */
export async function mailCount(mailpitUrl: string, fragment: string): Promise<number> {
  const res = await fetch(`${mailpitUrl}/api/v1/search?${new URLSearchParams({ query: `to:${fragment}`, limit: '1' })}`);
  if (!res.ok) throw new Error(`Mailpit search answered ${res.status}`);
  return SearchPage.parse(await res.json()).messages_count;
}
