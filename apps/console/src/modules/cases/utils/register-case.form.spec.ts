import { cleanDraft, pointerToField, RegisterCaseForm } from './register-case.form';

const draft = {
  programmeId: 'iq-ru-2019',
  sex: 'female',
  names: [
    { given: 'Амина', family: 'Иванова', script: 'cyrillic' },
    { given: 'Amina', family: 'Ivanova', script: 'latin' },
  ],
  birthDate: { value: '2014-01-01', precision: 'year' },
  placeOfBirth: ' ',
  facility: { type: 'camp', name: 'Al-Hol', city: 'Hasakah' },
  mother: { status: 'detained', name: { given: '', family: '', script: 'cyrillic' }, location: '' },
  medicalNeeds: '',
  requiresMedicalEscort: false,
  guardians: [{ relationship: 'grandmother', name: { given: 'Галина', family: 'Иванова', script: 'cyrillic' }, email: 'galina@example.org', preferredLanguage: 'ru' }],
};

describe('the registration form', () => {
  it('turns what was typed into the request intake validates, empty fields left out', () => {
    const body = RegisterCaseForm.parse(cleanDraft(draft));
    expect(body).not.toHaveProperty('placeOfBirth');
    expect(body).not.toHaveProperty('medicalNeeds');
    expect(body.mother).toEqual({ status: 'detained' });
    expect(body.names).toHaveLength(2);
  });

  it('refuses what intake would refuse, naming the field', () => {
    const result = RegisterCaseForm.safeParse(cleanDraft({ ...draft, guardians: [{ ...draft.guardians[0], email: 'not-an-address' }], birthDate: { value: '2014', precision: 'fortnight' } }));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['guardians.0.email', 'birthDate.precision']));
  });

  it('places a problem of the service on the field its pointer names', () => {
    expect(pointerToField('/names/0/given')).toBe('names.0.given');
    expect(pointerToField('/facility/name')).toBe('facility.name');
  });
});
