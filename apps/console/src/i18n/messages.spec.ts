import ar from './messages/ar.json';
import en from './messages/en.json';
import fr from './messages/fr.json';
import ru from './messages/ru.json';

const catalogues: Record<string, Record<string, string>> = { en, ru, ar, fr };

/** The ICU arguments a message uses: `{name}`, `{count, plural, …}`, `{free, number}`. */
const argumentsOf = (message: string) => [...new Set([...message.matchAll(/\{\s*([a-zA-Z]+)\s*[,}]/g)].map((m) => m[1]))].sort();
/** Braces balance: an unbalanced message would not parse as ICU. */
const balanced = (message: string) => [...message].reduce((depth, c) => (depth < 0 ? depth : depth + (c === '{' ? 1 : c === '}' ? -1 : 0)), 0) === 0;

describe('the message catalogues', () => {
  it.each(['ru', 'ar', 'fr'])('%s has every English message, and nothing else', (locale) => {
    expect(Object.keys(catalogues[locale]!).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(catalogues))('%s: every message balances its braces and has the arguments the English one has', (locale) => {
    for (const [id, message] of Object.entries(catalogues[locale]!)) {
      expect([id, balanced(message), argumentsOf(message)]).toEqual([id, true, argumentsOf(en[id as keyof typeof en])]);
    }
  });

  it('gives Russian and Arabic plurals the categories their languages need', () => {
    const categories = (locale: string) => [...catalogues[locale]!['movement.assignSubmit']!.matchAll(/(?:^|[\s}])(zero|one|two|few|many|other) \{/g)].map((m) => m[1]);
    expect(categories('ru')).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']));
    expect(categories('ar')).toEqual(expect.arrayContaining(['one', 'two', 'few', 'many', 'other']));
  });
});
