import { AggregateKind } from './define-event';
import { eventCatalog, findEventDefinition } from './registry';
import { exampleData } from './testing/examples';
import { Topic } from './topics';

// `<entity>.<past-tense>.v<N>`, kebab-case words; past tense is a regular -ed
// participle or one of the irregular ones we use.
const EVENT_TYPE = /^(?<entity>[a-z]+(?:-[a-z]+)*)\.(?<action>[a-z]+(?:-[a-z]+)*)\.v(?<version>[1-9]\d*)$/;
const IRREGULAR_PAST = new Set(['sent', 'held', 'withdrawn']);
const isPastTense = (action: string): boolean => {
  const verb = action.split('-').at(-1)!;
  return verb.endsWith('ed') || IRREGULAR_PAST.has(verb);
};

// The data field that carries the Kafka key, which also goes in ce_subject.
const keyField: Record<AggregateKind, string> = { case: 'caseId', movement: 'movementId', delivery: 'deliveryId' };

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
    expect(exampleData[type]).toHaveProperty(keyField[def.keyedBy]);
  });

  it('has an example for every event type and no other', () => {
    expect(Object.keys(exampleData).sort()).toEqual(eventCatalog.map((def) => def.type).sort());
  });

  it('knows no type outside the catalog', () => {
    expect(findEventDefinition('case.invented.v1')).toBeUndefined();
  });
});
