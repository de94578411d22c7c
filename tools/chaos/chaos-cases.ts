import { transliterateCyrillic } from '../scenario/cyrillic-transliteration';
import { seedGroups, type SeedChild, type SeedGroup } from '../scenario/seed-children';

const BATCH_LETTERS = 'БВГДЖЗКЛМНПРСТФХ';

/** A Cyrillic tag per batch (Б, В, …, ББ, БВ …): every batch's families get names no other batch has. */
export function batchTag(batch: number): string {
  let tag = '';
  let n = batch;
  do {
    tag = BATCH_LETTERS[n % BATCH_LETTERS.length]! + tag;
    n = Math.floor(n / BATCH_LETTERS.length) - 1;
  } while (n >= 0);
  return tag;
}

function renamed(child: SeedChild, tag: string): SeedChild {
  const cyrillic = child.registration.names.find((n) => n.script === 'cyrillic')!;
  const family = `${cyrillic.family}-${tag}`;
  const names = [
    { ...cyrillic, family },
    { given: transliterateCyrillic(cyrillic.given), family: transliterateCyrillic(family), script: 'latin' as const },
  ];
  return { ...child, registration: { ...child.registration, names } };
}

/**
 * `cases` children for the chaos run: the seed report's two flights over
 * and over, each copy (a batch) with its own run id in the guardians'
 * addresses and its own family names, so that no two children look alike to
 * duplicate detection and every e-mail can be told apart. The last group is
 * cut to make exactly `cases` children.
 */
export function chaosGroups(runId: string, cases: number): SeedGroup[] {
  const groups: SeedGroup[] = [];
  let left = cases;
  for (let batch = 0; left > 0; batch++) {
    const tag = batchTag(batch);
    for (const group of seedGroups(`${runId}b${batch}`)) {
      if (left <= 0) break;
      const children = group.children.slice(0, left).map((c) => renamed(c, tag));
      left -= children.length;
      groups.push({ ...group, key: `${group.key}-b${batch}`, label: `${group.label} (batch ${batch})`, children });
    }
  }
  return groups;
}
