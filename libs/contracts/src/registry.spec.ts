import { AggregateKind, subjectField } from './define-event';
import { eventCatalog, findEventDefinition } from './registry';
import { exampleData } from './testing/examples';
import { Topic } from './topics';

// `<entity>.<past-tense>.v<N>`, kebab-case words; the action ends in a past
// participle (regular -ed or one of the irregular ones we use), or is a
// phrasal verb such as handed-over.
const EVENT_TYPE = /^(?<entity>[a-z]+(?:-[a-z]+)*)\.(?<action>[a-z]+(?:-[a-z]+)*)\.v(?<version>[1-9]\d*)$/;
const IRREGULAR_PAST = new Set(['sent', 'held', 'withdrawn']);
const PARTICLES = new Set(['over', 'out']);
const isPastTense = (action: string): boolean => {
  const words = action.split('-');
  const participle = (word: string) => word.endsWith('ed') || IRREGULAR_PAST.has(word);
  return participle(words.at(-1)!) || (PARTICLES.has(words.at(-1)!) && participle(words.at(-2) ?? ''));
};

// The data field that carries the Kafka key, which also goes in ce_subject.

describe('event catalog', () => {
  it('lists every event type once', () => {
    const types = eventCatalog.map((def) => def.type);
    expect(types.filter((type, index) => types.indexOf(type) !== index)).toEqual([]);
  });

  it.each(eventCatalog.map((def) => [def.type, def] as const))('%s is well formed', (type, def) => {
    const match = EVENT_TYPE.exec(type);
    expect(match).not.toBeNull();
    expect(isPastTense(match!.groups!['action']!)).toBe(true);
    expect(def.version).toBe(Number(match!.groups!['version']));
    expect(Object.values<string>(Topic)).toContain(def.topic);
    expect(Object.values<string>(AggregateKind)).toContain(def.keyedBy);
    expect(def.dataschema).toBe(`https://homeward.example/schemas/${type}.json`);
    expect(findEventDefinition(type)).toBe(def);
  });

  it.each(eventCatalog.map((def) => [def.type, def] as const))('%s data carries its Kafka key', (type, def) => {
    expect(exampleData[type]).toHaveProperty(subjectField(def.keyedBy));
  });

  it('has an example for every event type and no other', () => {
    expect(Object.keys(exampleData).sort()).toEqual(eventCatalog.map((def) => def.type).sort());
  });

  it('knows no type outside the catalog', () => {
    expect(findEventDefinition('case.invented.v1')).toBeUndefined();
  });
});
