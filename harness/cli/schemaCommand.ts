import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { scenarioSpec } from '../../src/scenario/schema.ts';

/** The scenario format as JSON Schema, for editor completion and validation. */
export function scenarioJsonSchema(): unknown {
  return {
    title: 'miprig scenario',
    ...z.toJSONSchema(scenarioSpec, { io: 'input', unrepresentable: 'any' }),
  };
}

/** `miprig schema [--out FILE]`. */
export async function schemaCommand(opts: { out?: string }): Promise<number> {
  const text = JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
  if (opts.out) await writeFile(opts.out, text);
  else process.stdout.write(text);
  return 0;
}
