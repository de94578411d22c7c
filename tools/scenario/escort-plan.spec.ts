import { isInfantOn, latestBirthDay, planEscorts } from './escort-plan';
import { seedGroups } from './seed-children';

const departure = '2019-07-10T05:00:00Z';

describe('isInfantOn (the programme counts a doubtful child as an infant, as logistics does)', () => {
  it.each([
    [{ value: '2017-07-11', precision: 'day' }, true],
    [{ value: '2017-07-10', precision: 'day' }, false],
    [{ value: '2017-07-01', precision: 'month' }, true],
    [{ value: '2017-06-01', precision: 'month' }, false],
    [{ value: '2017-01-01', precision: 'year' }, true],
    [{ value: '2016-01-01', precision: 'year' }, false],
  ] as const)('%o on 10 July 2019 → %s', (birthDate, infant) => {
    expect(isInfantOn(birthDate, departure)).toBe(infant);
  });

  it('takes the last day of an estimated period', () => {
    expect(latestBirthDay({ value: '2016-02-01', precision: 'month' }).toISOString().slice(0, 10)).toBe('2016-02-29');
    expect(latestBirthDay({ value: '2016-01-01', precision: 'year' }).toISOString().slice(0, 10)).toBe('2016-12-31');
  });
});

describe('planEscorts', () => {
  it.each(seedGroups('esc1').map((g) => [g.label, g] as const))('%s: the ratio, one per infant, and a doctor on board', (_label, group) => {
    const plan = planEscorts(group);
    expect(plan.escorts.length).toBeGreaterThanOrEqual(Math.ceil(group.children.length / 5));
    expect(plan.escorts.length).toBeGreaterThanOrEqual(plan.infants);
    expect(plan.escorts.length).toBe(Math.max(plan.needed, group.coreEscorts.length));
    expect(plan.medicalNeeded).toBe(true);
    expect(plan.escorts.some((e) => e.role === 'medical')).toBe(true);
    expect(new Set(plan.escorts.map((e) => e.name)).size).toBe(plan.escorts.length);
  });

  it('adds carers until one escort per infant', () => {
    const [group] = seedGroups('esc2');
    const infants = Array.from({ length: 9 }, (_, i) => ({
      ...group!.children[0]!,
      ref: `x${i}`,
      registration: { ...group!.children[0]!.registration, birthDate: { value: '2019-01-01', precision: 'day' as const } },
    }));
    const plan = planEscorts({ ...group!, children: infants });
    expect(plan).toMatchObject({ children: 9, infants: 9, needed: 9 });
    expect(plan.escorts.filter((e) => e.role === 'carer')).toHaveLength(6);
  });
});
