import { eventCatalog } from '../src/registry';
import { buildAsyncApiDocument } from './asyncapi-document';
import { envelopeJsonSchema, eventJsonSchema } from './event-json-schema';

/** Where the documents live, relative to the contracts project; buildDocuments' keys are relative to it. */
export const GENERATED_DIR = 'generated';

// Two-space JSON with a final newline: what editors and formatters leave alone,
// so a regeneration on any machine is byte-identical to the checked-in file.
const toJsonFile = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Every generated file: path relative to GENERATED_DIR → content. Pure, so a test can compare it with the disk. */
export function buildDocuments(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const def of eventCatalog) {
    files[`json-schema/${def.type}.json`] = toJsonFile(eventJsonSchema(def));
  }
  files['json-schema/envelope.json'] = toJsonFile(envelopeJsonSchema());
  files['asyncapi.json'] = toJsonFile(buildAsyncApiDocument());
  return files;
}
