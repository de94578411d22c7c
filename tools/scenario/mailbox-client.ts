import { z } from 'zod';
import { createApiClient } from './api-client';

const PAGE = 500;

const SearchPage = z.object({
  messages_count: z.number(),
  messages: z.array(z.object({ To: z.array(z.object({ Address: z.string() })).nullable() })),
});

/**
 * Mailpit's HTTP API, to see what really reached the SMTP server. `to:` is a
 * substring match, so one search for the run id finds every e-mail of the run.
 */
export function createMailboxClient(mailpitUrl: string) {
  const mailpit = createApiClient({ service: 'mailpit', baseUrl: mailpitUrl });

  return {
    /** Number of messages per recipient address among those whose To contains `fragment` (and tagged `tag`: notification tags each e-mail with its milestone). */
    async countByRecipient(fragment: string, tag?: string): Promise<Map<string, number>> {
      const counts = new Map<string, number>();
      for (let start = 0; ; start += PAGE) {
        const query = new URLSearchParams({ query: tag ? `to:${fragment} tag:${tag}` : `to:${fragment}`, start: String(start), limit: String(PAGE) });
        const page = SearchPage.parse(await mailpit.get(`/api/v1/search?${query}`));
        for (const message of page.messages) {
          for (const to of message.To ?? []) {
            const address = to.Address.toLowerCase();
            if (address.includes(fragment)) counts.set(address, (counts.get(address) ?? 0) + 1);
          }
        }
        if (page.messages.length < PAGE || start + PAGE >= page.messages_count) return counts;
      }
    },
  };
}
