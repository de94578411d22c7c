import { randomBytes } from 'node:crypto';

/** Where the real servers started by infra/scripts/servers.sh listen. */
export const testServers = {
  kafkaBrokers: [`127.0.0.1:${process.env['KAFKA_PORT'] ?? '9092'}`],
  mongoUrl: process.env['MONGO_URL'] ?? `mongodb://127.0.0.1:${process.env['MONGO_PORT'] ?? '27017'}`,
  smtpPort: Number(process.env['SMTP_PORT'] ?? '1025'),
  mailpitUrl: `http://127.0.0.1:${process.env['MAILPIT_HTTP_PORT'] ?? '8025'}`,
};

/** A name no other test uses: each test gets its own topics, group and database. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
