import { z } from 'zod';
import { GuardianOptedOutV1 } from '@homeward/contracts';
import { ForbiddenError } from '@homeward/errors';
import { requestIdOf, type ApiRouter } from '@homeward/http';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import { UNSUBSCRIBE_TOKEN_PATTERN, verifyUnsubscribeToken, type UnsubscribeSubject } from '../domain/unsubscribe-token';
import type { UnsubscribePage } from '../mail/unsubscribe-page';
import { registerGuardianContactsModel } from '../store/guardian-contacts.model';
import { optOutId, registerOptOutModel, type OptOutRecord } from '../store/opt-out.model';

const TokenQuery = z
  .object({ token: z.string().regex(UNSUBSCRIBE_TOKEN_PATTERN, 'must be the token of an unsubscribe link').describe('The signed token from the e-mail.') })
  .strict();
const html = { description: 'A page in the guardian\'s language.', contentType: 'text/html' };
const tags = ['unsubscribe'];

/**
 * The unsubscribe link works without an account: the HMAC-signed token is
 * the authority, for one guardian of one case. Opting out is recorded once
 * (its id is the pair) with notification.guardian-opted-out.v1.
 */
export function unsubscribeRoutes(key: string, page: UnsubscribePage) {
  return (api: ApiRouter, context: ServiceContext): void => {
    const optOuts = new AggregateStore<OptOutRecord>(registerOptOutModel(context.connection));
    const contacts = registerGuardianContactsModel(context.connection);

    const subjectOf = (token: string): UnsubscribeSubject => {
      const subject = verifyUnsubscribeToken(key, token);
      if (!subject) throw new ForbiddenError('The unsubscribe token is not valid: its signature does not match.');
      return subject;
    };
    const languageOf = async ({ caseId, guardianId }: UnsubscribeSubject) => {
      const known = await contacts.findOne({ _id: caseId }, { guardians: 1 }).lean();
      return known?.guardians.find((g) => g.guardianId === guardianId)?.preferredLanguage ?? 'en';
    };

    api.get('/unsubscribe', { public: true, summary: 'Asks the guardian to confirm (mail scanners follow links: GET changes nothing)', tags, query: TokenQuery, responses: { 200: html } }, async ({ query }, req, res) => {
      const subject = subjectOf(query.token);
      const done = (await optOuts.find(optOutId(subject.caseId, subject.guardianId))) !== null;
      res.type('text/html; charset=utf-8').send(page({ language: await languageOf(subject), action: req.originalUrl, done }));
    });

    api.post('/unsubscribe', { public: true, summary: 'Opts the guardian out of further e-mails about the case (also RFC 8058 one-click)', tags, query: TokenQuery, responses: { 200: html } }, async ({ query }, req, res) => {
      const { caseId, guardianId } = subjectOf(query.token);
      const optedOutAt = new Date().toISOString();
      const event = context.events(GuardianOptedOutV1, { caseId, guardianId, optedOutAt }, { correlationid: requestIdOf(req) });
      // A second click changes nothing: the record exists.
      if (await optOuts.create(optOutId(caseId, guardianId), { caseId, guardianId, optedOutAt }, [event])) context.published();
      res.type('text/html; charset=utf-8').send(page({ language: await languageOf({ caseId, guardianId }), action: req.originalUrl, done: true }));
    });
  };
}
