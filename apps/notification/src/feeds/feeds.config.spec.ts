import { loadFeedsConfig } from './feeds.config';

describe('loadFeedsConfig', () => {
  it('reads the entitlement list and the delivery settings', () => {
    const config = loadFeedsConfig({ FEEDS_FULL_DATA_AGENCIES: ' ru-ombudsperson , fr-child-services ', FEEDS_WEBHOOK_MAX_FAILURES: '5' });
    expect(config.FEEDS_FULL_DATA_AGENCIES).toEqual(['ru-ombudsperson', 'fr-child-services']);
    expect(config.FEEDS_WEBHOOK_MAX_FAILURES).toBe(5);
    expect(loadFeedsConfig({}).FEEDS_FULL_DATA_AGENCIES).toEqual([]);
  });

  it('refuses a bad value naming the variable', () => {
    expect(() => loadFeedsConfig({ FEEDS_FULL_DATA_AGENCIES: 'Not An Agency' })).toThrow(/FEEDS_FULL_DATA_AGENCIES/);
    expect(() => loadFeedsConfig({ FEEDS_WEBHOOK_MAX_FAILURES: '0' })).toThrow(/FEEDS_WEBHOOK_MAX_FAILURES/);
  });
});
