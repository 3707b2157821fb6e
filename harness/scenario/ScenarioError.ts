/**
 * A scenario file that cannot be used: unreadable, not YAML, or not valid against the schema.
 * Its message is one line naming the file, the field path and the problem; the CLI prints it and
 * exits 2.
 *
 * @example
 * new ScenarioError('scenarios/a.yaml', 'device.version', 'expected a version like 1.22.2, got "one"', 7)
 *   .message // 'scenarios/a.yaml:7: device.version: expected a version like 1.22.2, got "one"'
 */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly fieldPath: string,
    readonly problem: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${fieldPath ? `${fieldPath}: ` : ''}${problem}`);
    this.name = 'ScenarioError';
  }
}

/**
 * After loading every file: each bad one but the last as a line on stderr, then the last thrown
 * (exit 2), so a user fixes them all in one go. Nothing when there are none.
 *
 * @example
 * throwScenarioErrors(errors); // prints "miprig: a.yaml:3: …", throws b.yaml's
 */
export function throwScenarioErrors(errors: readonly ScenarioError[]): void {
  for (const e of errors.slice(0, -1)) process.stderr.write(`miprig: ${e.message}\n`);
  if (errors.length) throw errors[errors.length - 1]!;
}
