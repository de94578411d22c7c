import { renderAssignedEmail } from './assigned-email';

const flight = {
  operator: 'Emergencies Ministry',
  flightNumber: 'EMR-1',
  departureAirport: 'BGW',
  arrivalAirport: 'ZIA',
  scheduledDeparture: '2019-07-10T06:00:00.000Z',
};
const childNames = [
  { given: 'Тестовый', family: 'Примеров', script: 'cyrillic' as const },
  { given: 'Testovy', family: 'Primerov', script: 'latin' as const },
];

describe('renderAssignedEmail', () => {
  it('writes Russian with the Cyrillic name for a Russian-speaking guardian', () => {
    const email = renderAssignedEmail({ guardianName: { given: 'Анна', family: 'Примерова', script: 'cyrillic' }, childNames, language: 'ru', flight });
    expect(email.language).toBe('ru');
    expect(email.subject).toContain('Тестовый');
    expect(email.text).toContain('EMR-1 BGW → ZIA');
    expect(email.text).toContain('2019-07-10 06:00');
    expect(email.html).toContain('lang="ru"');
  });

  it('falls back to English with the Latin name', () => {
    const email = renderAssignedEmail({ guardianName: { given: 'Anna', family: 'Primerova', script: 'latin' }, childNames, language: 'fi', flight });
    expect(email.language).toBe('en');
    expect(email.subject).toBe('Testovy has a seat on the flight home');
    expect(email.text).toMatch(/^Dear Anna,/);
  });

  it('escapes markup in names in the HTML part', () => {
    const email = renderAssignedEmail({ guardianName: { given: '<b>x</b>', family: 'y', script: 'latin' }, childNames, language: 'en', flight });
    expect(email.html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(email.html).not.toContain('<b>x</b>');
  });
});
