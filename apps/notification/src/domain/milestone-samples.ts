import { Language, Milestone, type Flight, type PersonName } from '@homeward/contracts';
import type { MilestoneFacts } from './milestone-facts';

/**
 * Invented data for the reviewers' previews and the snapshot tests: the
 * seed scenario's flight (Baghdad → Zhukovsky, 10 July 2019), no real person.
 */
const flight: Flight = {
  operator: 'Emergencies Ministry',
  flightNumber: 'EXAMPLE-1',
  departureAirport: 'BGW',
  arrivalAirport: 'ZIA',
  scheduledDeparture: '2019-07-10T05:00:00Z',
  meetingPoint: 'Terminal A, arrivals hall, exit 3',
};
const childNames: PersonName[] = [
  { given: 'Тестовая', family: 'Примерова', script: 'cyrillic' },
  { given: 'Testovaya', family: 'Primerova', script: 'latin' },
  { given: 'تستوفايا', family: 'بريميروفا', script: 'arabic' },
];
const guardianName: PersonName = { given: 'Sample', family: 'Primerova', script: 'latin' };

const extras: Record<Milestone, Pick<MilestoneFacts, 'flight' | 'at'>> = {
  registered: {},
  cleared: {},
  assigned: { flight },
  'movement-rescheduled': { flight: { ...flight, scheduledDeparture: '2019-07-10T07:30:00Z' } },
  'movement-cancelled': { flight },
  arrived: { flight, at: '2019-07-10T09:40:00Z' },
  'handed-over': { flight, at: '2019-07-10T11:00:00Z' },
  'on-hold': {},
};

export const sampleMilestones = Object.values(Milestone);
export const sampleLanguages = Object.values(Language);

export function sampleFacts(milestone: Milestone, language: string): Omit<MilestoneFacts, 'language'> & { language: string } {
  return {
    milestone,
    language,
    guardianName,
    childNames,
    ...extras[milestone],
    unsubscribeUrl: 'https://notification.homeward.example/unsubscribe?token=sample',
  };
}
