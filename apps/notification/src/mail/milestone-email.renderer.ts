import type { Language } from '@homeward/contracts';
import { milestoneView, type MilestoneFacts } from '../domain/milestone-facts';
import type { TemplateCatalog } from './template-catalog';

export interface RenderedEmail {
  /** The language the e-mail is written in: the guardian's, or English when there is no template for it. */
  readonly language: Language;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const RIGHT_TO_LEFT = new Set<string>(['ar']);

export type MilestoneRenderer = (facts: Omit<MilestoneFacts, 'language'> & { readonly language: string }) => RenderedEmail;

/** Puts a milestone's facts into words: the guardian's language (English as fallback), HTML and plain text. */
export function createMilestoneRenderer(catalog: TemplateCatalog): MilestoneRenderer {
  return (facts) => {
    const templates = catalog.milestones.get(facts.milestone)!;
    const language = (facts.language in templates && facts.language in catalog.common ? facts.language : 'en') as Language;
    const strings = templates[language]!;
    const common = catalog.common[language]!;
    const view = milestoneView({ ...facts, language }, common.meetingPointUnknown);
    const subject = strings.subject(view);
    const dir = RIGHT_TO_LEFT.has(language) ? 'rtl' : 'ltr';
    const layout = {
      lang: language,
      dir,
      align: dir === 'rtl' ? 'right' : 'left',
      subject,
      greeting: common.greeting(view),
      paragraphs: strings.paragraphs.map((p) => p(view)),
      signature: common.signature(view),
      footer: common.footer(view),
      unsubscribeLabel: common.unsubscribe(view),
      unsubscribeUrl: facts.unsubscribeUrl,
    };
    return { language, subject, text: catalog.text(layout), html: catalog.html(layout) };
  };
}
