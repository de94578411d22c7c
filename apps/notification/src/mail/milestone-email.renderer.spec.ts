import { sampleFacts, sampleLanguages, sampleMilestones } from '../domain/milestone-samples';
import { createMilestoneRenderer } from './milestone-email.renderer';
import { loadTemplateCatalog } from './template-catalog';

const render = createMilestoneRenderer(loadTemplateCatalog());

describe('milestone e-mails', () => {
  describe.each(sampleMilestones)('%s', (milestone) => {
    it.each(sampleLanguages)('in %s matches its reviewed snapshot', (language) => {
      const email = render(sampleFacts(milestone, language));
      expect(email.language).toBe(language);
      expect(email).toMatchSnapshot();
    });
  });

  it('writes Arabic right to left', () => {
    const email = render(sampleFacts('assigned', 'ar'));
    expect(email.html).toContain('<html lang="ar" dir="rtl">');
    expect(email.subject).toContain('تستوفايا');
  });

  it('gives the departure in the time zone of the arrival airport, in the words of the locale', () => {
    expect(render(sampleFacts('assigned', 'en')).text).toContain('Wednesday, July 10, 2019 at 08:00 AM GMT+3');
    expect(render(sampleFacts('assigned', 'ru')).text).toContain('среда, 10 июля 2019 г. в 08:00 GMT+3');
    expect(render(sampleFacts('assigned', 'de')).text).toContain('Internationaler Flughafen Schukowski (ZIA)');
  });

  it('falls back to English for a language without templates', () => {
    const email = render(sampleFacts('cleared', 'es'));
    expect(email.language).toBe('en');
    expect(email.subject).toBe('Testovaya is cleared to return home');
  });

  it('never tells the guardian why a case is on hold', () => {
    for (const language of sampleLanguages) {
      const { text } = render(sampleFacts('on-hold', language));
      expect(text).not.toMatch(/security|medical|screening|безопасн|медицин/i);
    }
  });

  it('escapes markup in names in the HTML part but not in the text', () => {
    const facts = sampleFacts('registered', 'en');
    const email = render({ ...facts, guardianName: { given: '<b>x</b>', family: 'y', script: 'latin' } });
    expect(email.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(email.html).not.toContain('<b>x</b>');
    expect(email.text).toContain('<b>x</b> y');
  });

  it('shows an announced meeting point when logistics has not given one', () => {
    const facts = sampleFacts('assigned', 'fr');
    const email = render({ ...facts, flight: { ...facts.flight!, meetingPoint: undefined } as never });
    expect(email.text).toContain('Point de rencontre : communiqué ultérieurement.');
  });
});
