// Short lists of common given and family names, combined at random by the
// seed: every child and relative is invented. Names common among the
// families of the North Caucasus and the Volga region, where most of the
// seed's children came from, plus a few common Russian ones.

export const BOYS_GIVEN_NAMES = [
  'Адам', 'Амир', 'Ибрагим', 'Муса', 'Иса', 'Юсуф', 'Умар', 'Али', 'Хамза', 'Салих',
  'Абдулла', 'Ислам', 'Мурад', 'Тимур', 'Давуд', 'Ахмад', 'Билал', 'Сулейман', 'Идрис', 'Михаил',
] as const;

export const GIRLS_GIVEN_NAMES = [
  'Амина', 'Марьям', 'Хадижа', 'Айша', 'Фатима', 'Зайнаб', 'Асия', 'Сафия', 'Хава', 'Софья',
  'Малика', 'Зарина', 'Камила', 'Медина', 'Лейла', 'Ясмина', 'Сумая', 'Халима', 'Рукия', 'Дарья',
] as const;

/** Masculine forms; every one ends in -ов, -ев or -ин, whose feminine form adds -а. */
export const FAMILY_NAMES = [
  'Абдуллаев', 'Алиев', 'Магомедов', 'Исаев', 'Гаджиев', 'Умаров', 'Хасанов', 'Юсупов', 'Ибрагимов',
  'Мусаев', 'Сулейманов', 'Ахмедов', 'Керимов', 'Рамазанов', 'Садыков', 'Газиев', 'Идрисов', 'Курбанов',
  'Шамилов', 'Абаев', 'Галиев', 'Хабибуллин', 'Сафин', 'Валиев', 'Зайнуллин', 'Гарипов', 'Нуриев',
  'Кузнецов', 'Соколов', 'Морозов', 'Волков', 'Лебедев', 'Белов', 'Зайцев', 'Орлов', 'Никитин',
  'Тагиров', 'Арсланов', 'Батыров', 'Омаров',
] as const;

export const GRANDMOTHERS_GIVEN_NAMES = ['Зарема', 'Хадижат', 'Патимат', 'Людмила', 'Галина', 'Зулай', 'Тамара', 'Раиса', 'Луиза', 'Роза'] as const;
export const GRANDFATHERS_GIVEN_NAMES = ['Магомед', 'Ахмед', 'Руслан', 'Виктор', 'Султан', 'Хасан', 'Шамиль', 'Николай', 'Рашид', 'Анвар'] as const;
export const AUNTS_GIVEN_NAMES = ['Мадина', 'Эльмира', 'Алина', 'Диана', 'Лиана'] as const;
export const UNCLES_GIVEN_NAMES = ['Артур', 'Рустам', 'Заур', 'Ильдар', 'Марат'] as const;

/** The feminine form of a family name from FAMILY_NAMES. */
export const feminineFamilyName = (masculine: string) => `${masculine}а`;
export const MOTHERS_GIVEN_NAMES = ['Мадина', 'Аминат', 'Заира', 'Гульнара', 'Эльвира', 'Наталья', 'Патимат', 'Асият', 'Карина', 'Джамиля'] as const;
export const FATHERS_GIVEN_NAMES = ['Рустам', 'Ибрагим', 'Магомед', 'Ильдар', 'Тимур', 'Шамиль', 'Артур', 'Ренат', 'Ислам', 'Марат'] as const;
