// Two binaries of the same build (same facts) are told apart by their order (`#2`); running a
// scenario must not turn the second back into the first's name, or their results would merge.
import { expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { allBinaries, NEEDS_ANY_BINARY } from '../support/realBinaries.ts';

const binary = allBinaries.find((b) => b.installer === 'mip');

it.skipIf(!binary)(`two binaries of one build keep distinct names through a run${binary ? '' : NEEDS_ANY_BINARY}`, async () => {
  const { result, stdout } = await captureOutput(() =>
    main(['run', 'scenarios/mip/index-latest.yaml', '--backend', 'unix', '--micropython', binary!.path, '--micropython', binary!.path, '--reporter', 'json']),
  );
  expect(result).toBe(0);
  const backends = (JSON.parse(stdout) as { results: Array<{ backend: string }> }).results.map((r) => r.backend);
  expect(backends).toHaveLength(2);
  expect(backends[1]).toBe(`${backends[0]}#2`);
});
