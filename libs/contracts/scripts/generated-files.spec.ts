import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { buildDocuments, GENERATED_DIR } from './build-documents';

const root = join(__dirname, '..', GENERATED_DIR);
const REGENERATE = 'out of date: run `npx nx run contracts:generate` and commit the result';

function filesOnDisk(): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

describe('generated contract documents', () => {
  const expected = buildDocuments();

  it('has exactly the files the catalog produces, no stale extra', () => {
    expect({ files: filesOnDisk(), hint: REGENERATE }).toEqual({ files: Object.keys(expected).sort(), hint: REGENERATE });
  });

  it.each(Object.keys(expected))('%s is byte-identical to a fresh generation', (path) => {
    const onDisk = readFileSync(join(root, path), 'utf8');
    expect({ content: onDisk, hint: REGENERATE }).toEqual({ content: expected[path], hint: REGENERATE });
  });

  it('is deterministic', () => {
    expect(buildDocuments()).toEqual(expected);
  });
});
