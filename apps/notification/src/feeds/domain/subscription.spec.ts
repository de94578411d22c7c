import { checkEntitlement, subscribableTypes, wants } from './subscription';

describe('subscriptions', () => {
  const subscription = { eventTypes: ['case.cleared.v1'], programmes: ['iq-ru-2019'], destinationStates: [] as string[] };

  it('wants an event of its types in its programmes, and nothing else', () => {
    expect(wants(subscription, 'case.cleared.v1', { programmeId: 'iq-ru-2019', destinationState: 'RU' })).toBe(true);
    expect(wants(subscription, 'case.cleared.v1', { programmeId: 'iq-fr-2019', destinationState: 'FR' })).toBe(false);
    expect(wants(subscription, 'case.boarded.v1', { programmeId: 'iq-ru-2019' })).toBe(false);
    expect(wants({ ...subscription, programmes: [], destinationStates: ['FR'] }, 'case.cleared.v1', { programmeId: 'iq-ru-2019', destinationState: 'RU' })).toBe(false);
    expect(wants({ ...subscription, programmes: [], destinationStates: ['RU'] }, 'case.cleared.v1', {})).toBe(false);
  });

  it('lets only entitled agencies receive personal data', () => {
    expect(() => checkEntitlement('ru-ombudsperson', 'full', ['ru-ombudsperson'])).not.toThrow();
    expect(() => checkEntitlement('press-office', 'none', [])).not.toThrow();
    expect(() => checkEntitlement('press-office', 'full', ['ru-ombudsperson'])).toThrow(expect.objectContaining({ status: 422, rule: 'full-data-entitlement' }));
  });

  it('offers every published case, movement and programme event, not the feeds’ own', () => {
    expect(subscribableTypes).toContain('case.handed-over.v1');
    expect(subscribableTypes).toContain('notification.email-sent.v1');
    expect(subscribableTypes).not.toContain('subscription.paused.v1');
  });
});
