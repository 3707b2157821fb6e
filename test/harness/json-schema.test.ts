// Editors validate scenarios against scenario.schema.json; it must match the zod schema.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../harness/cli/schemaCommand.ts';

describe('scenario.schema.json', () => {
  it('is up to date with the schema (regenerate with `npx miprig schema --out scenario.schema.json`)', async () => {
    const committed = JSON.parse(await readFile('scenario.schema.json', 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it('rejects unknown top-level fields, as the loader does', () => {
    const schema = scenarioJsonSchema() as { additionalProperties: boolean; required: string[] };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name', 'steps']);
  });
});
