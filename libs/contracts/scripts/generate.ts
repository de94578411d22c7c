// Writes the JSON Schemas and the AsyncAPI document from the event catalog.
// Run: npx nx run contracts:generate
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { buildDocuments, GENERATED_DIR } from './build-documents';

const root = join(__dirname, '..', GENERATED_DIR);
const files = buildDocuments();
mkdirSync(root, { recursive: true });

// A schema whose event left the catalog must not linger as if still published.
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  const path = relative(root, join(entry.parentPath, entry.name)).split(sep).join('/');
  if (entry.isFile() && !(path in files)) rmSync(join(root, path));
}
for (const [path, content] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}
console.log(`wrote ${Object.keys(files).length} files to ${relative(process.cwd(), root)}`);
