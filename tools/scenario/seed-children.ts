import { transliterateCyrillic } from './cyrillic-transliteration';
import type { GuardianLanguage, Parent, PersonName, RegisterCaseBody, ScheduleMovementBody } from './homeward-apis';
import {
  AUNTS_GIVEN_NAMES,
  BOYS_GIVEN_NAMES,
  FAMILY_NAMES,
  FATHERS_GIVEN_NAMES,
  feminineFamilyName,
  GIRLS_GIVEN_NAMES,
  GRANDFATHERS_GIVEN_NAMES,
  GRANDMOTHERS_GIVEN_NAMES,
  MOTHERS_GIVEN_NAMES,
  UNCLES_GIVEN_NAMES,
} from './name-lists';
import { createSeededRandom, type SeededRandom } from './seeded-random';
import { FACILITIES, GROUP_PLANS, PROGRAMME, type EscortPlanEntry, type GroupPlan } from './seed-groups';

/** One synthetic child: a pseudonymous ref for output, and the registration sent to intake. */
export interface SeedChild {
  /** e.g. `g1-c07`; printed instead of names, which stay out of the output. */
  readonly ref: string;
  readonly familyRef: string;
  /** Age in whole months on the day of the child's flight. */
  readonly ageMonths: number;
  readonly registration: RegisterCaseBody;
}

export interface SeedGroup {
  readonly key: string;
  readonly label: string;
  readonly flight: ScheduleMovementBody;
  readonly coreEscorts: readonly EscortPlanEntry[];
  readonly children: readonly SeedChild[];
}

/**
 * Ages are counted back from the 2019 flights, but intake checks eligibility
 * ("under 18") on the day the scenario registers the child, years later. At
 * most nine at the flight keeps every child under 18 until mid-2028; the
 * seed tests check the ages against the current date, so the day this no
 * longer holds they say so rather than the scenario failing on 422s.
 */
export const OLDEST_MONTHS = 9 * 12;
const SIBLING_GAP_MONTHS = { min: 14, max: 28 } as const;

type Guardian = RegisterCaseBody['guardians'][number];

const bothScripts = (given: string, family: string): PersonName[] => [
  { given, family, script: 'cyrillic' },
  { given: transliterateCyrillic(given), family: transliterateCyrillic(family), script: 'latin' },
];

const MEDICAL_NEEDS = [
  'Type 1 diabetes: insulin before meals; the medical escort carries the insulin and a glucometer.',
  'Asthma: salbutamol inhaler in hand luggage.',
  'Recovering from malnutrition: small, frequent meals.',
] as const;

// Where the children were born: in the detention centre, in the cities their parents passed through, or in Russia before they left.
const PLACES_OF_BIRTH = ['Mosul, Iraq', 'Tal Afar, Iraq', 'Raqqa, Syria', 'Makhachkala, Russian Federation', 'Kazan, Russian Federation'] as const;

/**
 * The deterministic seed data of both flights. Everything but the run id
 * (which only enters the guardians' e-mail addresses, so that runs against
 * the same Mailpit can be told apart) is the same on every run.
 */
export function seedGroups(runId: string, plans: readonly GroupPlan[] = GROUP_PLANS): SeedGroup[] {
  // One deck of family names for all groups: no two families share a name.
  const familyNames = createSeededRandom(`${PROGRAMME.programmeId}/family-names`).shuffle(FAMILY_NAMES);
  const needed = plans.reduce((sum, plan) => sum + plan.familySizes.length, 0);
  if (needed > familyNames.length) throw new RangeError(`${needed} families need more than ${familyNames.length} family names`);
  let nextFamilyName = 0;
  return plans.map((plan) => ({
    key: plan.key,
    label: plan.label,
    flight: plan.flight,
    coreEscorts: plan.coreEscorts,
    children: withMedicalNeeds(plan, seedGroupChildren(plan, runId, () => familyNames[nextFamilyName++]!)),
  }));
}

function seedGroupChildren(plan: GroupPlan, runId: string, takeFamilyName: () => string): SeedChild[] {
  const random = createSeededRandom(`${PROGRAMME.programmeId}/${plan.key}`);
  const children: SeedChild[] = [];
  const guardianKinds = dealGuardianKinds(random, plan.familySizes.length);
  plan.familySizes.forEach((size, familyIndex) => {
    const familyRef = `g${plan.ordinal}-f${String(familyIndex + 1).padStart(2, '0')}`;
    const family = takeFamilyName();
    const withInfant = familyIndex < plan.familiesWithInfant;
    const guardians = seedGuardians(random, guardianKinds[familyIndex]!, family, `g${plan.ordinal}f${String(familyIndex + 1).padStart(2, '0')}`, runId);
    const { mother, father } = seedParents(random, family, withInfant);
    // Infants are held with their mothers; older children are in the children's home or the camp.
    const facility = withInfant ? FACILITIES.prison : random.pick([FACILITIES.orphanage, FACILITIES.orphanage, FACILITIES.camp, FACILITIES.prison]);
    const usedGivenNames = new Set<string>();
    const youngestCap = OLDEST_MONTHS - (size - 1) * SIBLING_GAP_MONTHS.max;
    let ageMonths = withInfant ? random.int(4, 22) : random.int(14, Math.max(14, youngestCap));
    for (let sibling = 0; sibling < size; sibling++) {
      if (sibling > 0) ageMonths += random.int(SIBLING_GAP_MONTHS.min, SIBLING_GAP_MONTHS.max);
      const sex = random.next() < 0.5 ? 'female' : 'male';
      const given = pickUnused(random, sex === 'female' ? GIRLS_GIVEN_NAMES : BOYS_GIVEN_NAMES, usedGivenNames);
      const ref = `g${plan.ordinal}-c${String(children.length + 1).padStart(2, '0')}`;
      // The youngest were born where their mothers are held; a few birthplaces are not known.
      const placeOfBirth = ageMonths < 24 ? 'Baghdad, Iraq' : random.next() < 0.8 ? random.pick(PLACES_OF_BIRTH) : undefined;
      children.push({
        ref,
        familyRef,
        ageMonths,
        registration: {
          programmeId: PROGRAMME.programmeId,
          sex,
          names: bothScripts(given, sex === 'female' ? feminineFamilyName(family) : family),
          birthDate: seedBirthDate(random, ageMonths, plan.flight.scheduledDeparture),
          ...(placeOfBirth ? { placeOfBirth } : {}),
          facility,
          mother,
          father,
          claimedNationalities: ['RU'],
          guardians,
        },
      });
    }
  });
  return children;
}

/** A few children with chronic conditions; the first needs a medical escort on board. */
function withMedicalNeeds(plan: GroupPlan, children: SeedChild[]): SeedChild[] {
  const random = createSeededRandom(`${PROGRAMME.programmeId}/${plan.key}/medical`);
  const chosen = random.shuffle(children.map((c) => c.ref)).slice(0, plan.childrenWithMedicalNeeds);
  return children.map((child) => {
    const index = chosen.indexOf(child.ref);
    if (index < 0) return child;
    return {
      ...child,
      registration: { ...child.registration, medicalNeeds: MEDICAL_NEEDS[index % MEDICAL_NEEDS.length]!, requiresMedicalEscort: index === 0 },
    };
  });
}

function pickUnused(random: SeededRandom, names: readonly string[], used: Set<string>): string {
  const name = random.shuffle(names).find((n) => !used.has(n))!;
  used.add(name);
  return name;
}

/**
 * The mothers of infants are held with them; other mothers are serving
 * sentences, dead or missing. Most fathers died or disappeared in the fighting.
 */
function seedParents(random: SeededRandom, family: string, withInfant: boolean): { mother: Parent; father: Parent } {
  const [motherName] = bothScripts(random.pick(MOTHERS_GIVEN_NAMES), feminineFamilyName(family));
  const [fatherName] = bothScripts(random.pick(FATHERS_GIVEN_NAMES), family);
  const prison = `${FACILITIES.prison.name}, ${FACILITIES.prison.city}`;
  const roll = random.next();
  const mother: Parent = withInfant
    ? { name: motherName!, status: random.next() < 0.5 ? 'detained' : 'convicted', location: prison }
    : roll < 0.55
      ? { name: motherName!, status: 'convicted', location: prison }
      : roll < 0.8
        ? { name: motherName!, status: 'deceased' }
        : { name: motherName!, status: 'missing' };
  const fatherRoll = random.next();
  const father: Parent =
    fatherRoll < 0.5 ? { name: fatherName!, status: 'deceased' } : fatherRoll < 0.85 ? { name: fatherName!, status: 'missing' } : { status: 'unknown' };
  return { mother, father };
}

type GuardianKind = 'grandmother' | 'grandparents' | 'grandfather' | 'relative';

/**
 * Who vouches for each family, dealt from a shuffled deck rather than rolled,
 * so that every group is mostly grandparents (the sponsors of the seed
 * report) with a few aunts or uncles, whatever the seed.
 */
function dealGuardianKinds(random: SeededRandom, families: number): GuardianKind[] {
  const relatives = Math.max(1, Math.round(families * 0.15));
  const grandfathers = Math.round(families * 0.1);
  const couples = Math.round(families * 0.3);
  const grandmothers = Math.max(0, families - relatives - grandfathers - couples);
  return random.shuffle([
    ...Array<GuardianKind>(grandmothers).fill('grandmother'),
    ...Array<GuardianKind>(couples).fill('grandparents'),
    ...Array<GuardianKind>(grandfathers).fill('grandfather'),
    ...Array<GuardianKind>(relatives).fill('relative'),
  ]).slice(0, families);
}

/** The guardians of one family: the same people, with the same addresses, for all siblings. */
function seedGuardians(random: SeededRandom, kind: GuardianKind, family: string, addressTag: string, runId: string): Guardian[] {
  const guardian = (relationship: string, given: string, female: boolean, language: GuardianLanguage = 'ru'): Guardian => {
    const familyName = female ? feminineFamilyName(family) : family;
    const [cyrillic, latin] = bothScripts(given, familyName);
    return {
      relationship,
      name: cyrillic!,
      email: `${latin!.given}.${latin!.family}.${addressTag}.${runId}@example.org`.toLowerCase(),
      preferredLanguage: language,
    };
  };
  const grandmother = () => guardian('grandmother', random.pick(GRANDMOTHERS_GIVEN_NAMES), true);
  const grandfather = () => guardian('grandfather', random.pick(GRANDFATHERS_GIVEN_NAMES), false);
  switch (kind) {
    case 'grandmother':
      return [grandmother()];
    case 'grandparents':
      return [grandmother(), grandfather()];
    case 'grandfather':
      return [grandfather()];
    case 'relative': {
      // Relatives living abroad sometimes read English better than Russian.
      const language: GuardianLanguage = random.next() < 0.7 ? 'ru' : 'en';
      return random.next() < 0.5
        ? [guardian('aunt', random.pick(AUNTS_GIVEN_NAMES), true, language)]
        : [guardian('uncle', random.pick(UNCLES_GIVEN_NAMES), false, language)];
    }
  }
}

/**
 * Age in months before the flight, plus a few days; an estimated date is
 * stored as the first day of the known month or year (intake's convention),
 * as case workers often know no more for children born in the camps.
 */
function seedBirthDate(random: SeededRandom, ageMonths: number, departure: string): RegisterCaseBody['birthDate'] {
  const reference = new Date(`${departure.slice(0, 10)}T00:00:00Z`);
  const born = new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth() - ageMonths, reference.getUTCDate() - random.int(0, 27)));
  const iso = born.toISOString().slice(0, 10);
  const roll = random.next();
  if (ageMonths < 24 || roll < 0.45) return { value: iso, precision: 'day' };
  if (roll < 0.8) return { value: `${iso.slice(0, 7)}-01`, precision: 'month' };
  return { value: `${iso.slice(0, 4)}-01-01`, precision: 'year' };
}
