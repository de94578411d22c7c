import { transliterateCyrillic } from './cyrillic-transliteration';
import type { GuardianLanguage, PersonName, RegisterCaseBody, ScheduleMovementBody } from './homeward-apis';
import {
  AUNTS_GIVEN_NAMES,
  BOYS_GIVEN_NAMES,
  FAMILY_NAMES,
  feminineFamilyName,
  GIRLS_GIVEN_NAMES,
  GRANDFATHERS_GIVEN_NAMES,
  GRANDMOTHERS_GIVEN_NAMES,
  UNCLES_GIVEN_NAMES,
} from './name-lists';
import { createSeededRandom, type SeededRandom } from './seeded-random';
import { FACILITIES, GROUP_PLANS, PROGRAMME, REFERENCE_DATE, type GroupPlan } from './seed-groups';

/** One synthetic child: a pseudonymous ref for output, and the registration sent to intake. */
export interface SeedChild {
  /** e.g. `g1-c07`; printed instead of names, which stay out of the output. */
  readonly ref: string;
  readonly familyRef: string;
  readonly ageMonths: number;
  readonly registration: RegisterCaseBody;
}

export interface SeedGroup {
  readonly key: string;
  readonly label: string;
  readonly flight: ScheduleMovementBody;
  readonly children: readonly SeedChild[];
}

const OLDEST_MONTHS = 14 * 12;
const MAX_SIBLING_GAP_MONTHS = 40;

type Guardian = RegisterCaseBody['guardians'][number];

const bothScripts = (given: string, family: string): PersonName[] => [
  { given, family, script: 'cyrillic' },
  { given: transliterateCyrillic(given), family: transliterateCyrillic(family), script: 'latin' },
];

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
    children: seedGroupChildren(plan, runId, () => familyNames[nextFamilyName++]!),
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
    // Infants are held with their mothers; older children are in the children's home or the camp.
    const facility = withInfant ? FACILITIES.prison : random.pick([FACILITIES.orphanage, FACILITIES.orphanage, FACILITIES.camp, FACILITIES.prison]);
    const usedGivenNames = new Set<string>();
    let ageMonths = withInfant ? random.int(4, 22) : random.int(14, Math.min(110, OLDEST_MONTHS - (size - 1) * MAX_SIBLING_GAP_MONTHS));
    for (let sibling = 0; sibling < size; sibling++) {
      if (sibling > 0) ageMonths += random.int(14, MAX_SIBLING_GAP_MONTHS);
      const sex = random.next() < 0.5 ? 'female' : 'male';
      const given = pickUnused(random, sex === 'female' ? GIRLS_GIVEN_NAMES : BOYS_GIVEN_NAMES, usedGivenNames);
      const ref = `g${plan.ordinal}-c${String(children.length + 1).padStart(2, '0')}`;
      children.push({
        ref,
        familyRef,
        ageMonths,
        registration: {
          ...PROGRAMME,
          sex,
          names: bothScripts(given, sex === 'female' ? feminineFamilyName(family) : family),
          birthDate: seedBirthDate(random, ageMonths),
          facility,
          guardians,
        },
      });
    }
  });
  return children;
}

function pickUnused(random: SeededRandom, names: readonly string[], used: Set<string>): string {
  const name = random.shuffle(names).find((n) => !used.has(n))!;
  used.add(name);
  return name;
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
 * Age in months before the reference date, plus a few days; an estimated
 * date is stored as the first day of the known month or year (intake's
 * convention), as case workers often know no more for children born in the camps.
 */
function seedBirthDate(random: SeededRandom, ageMonths: number): RegisterCaseBody['birthDate'] {
  const reference = new Date(`${REFERENCE_DATE}T00:00:00Z`);
  const born = new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth() - ageMonths, reference.getUTCDate() - random.int(0, 27)));
  const iso = born.toISOString().slice(0, 10);
  const roll = random.next();
  if (ageMonths < 24 || roll < 0.45) return { value: iso, precision: 'day' };
  if (roll < 0.8) return { value: `${iso.slice(0, 7)}-01`, precision: 'month' };
  return { value: `${iso.slice(0, 4)}-01-01`, precision: 'year' };
}
