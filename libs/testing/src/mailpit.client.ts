import { testServers } from './test-servers';

export interface MailpitSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  To: Array<{ Address: string }>;
  From: { Address: string; Name: string };
}

export interface MailpitMessage extends MailpitSummary {
  Text: string;
  HTML: string;
}

/** Reads what the real SMTP server (Mailpit) received, through its HTTP API. */
export async function mailpitMessagesTo(address: string, baseUrl = testServers.mailpitUrl): Promise<MailpitSummary[]> {
  const res = await fetch(`${baseUrl}/api/v1/search?query=${encodeURIComponent(`to:"${address}"`)}&limit=200`);
  if (!res.ok) throw new Error(`Mailpit search answered ${res.status}`);
  const body = (await res.json()) as { messages: MailpitSummary[] };
  return body.messages;
}

export async function mailpitMessage(id: string, baseUrl = testServers.mailpitUrl): Promise<MailpitMessage> {
  const res = await fetch(`${baseUrl}/api/v1/message/${id}`);
  if (!res.ok) throw new Error(`Mailpit message ${id} answered ${res.status}`);
  return (await res.json()) as MailpitMessage;
}
