// `--update` records what a real binary printed into a scenario like `vitest -u`: failing fields
// only, the rest of the file (comments, folded text, flow style) untouched. It refuses the models:
// their output recorded as expected would only ever agree with itself.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { createBackends } from '../../harness/createBackends.ts';
import { main } from '../../harness/cli/main.ts';
import { runScenarios } from '../../harness/runScenarios.ts';
import { loadScenario } from '../../harness/scenario/loadScenario.ts';
import { updateScenarios } from '../../harness/update/updateScenarios.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { tempFiles } from '../support/tempScenarios.ts';
import { binaryFor, skipNote } from '../support/realBinaries.ts';

const mip127 = binaryFor('1.27.0');
const mip122 = binaryFor('1.22.2');

const SCENARIO = `# A bug report: does hello install?
name: update me
description: >
  Folded text that the rewrite
  must keep exactly as written.
tags: [a, b]
device: { port: esp32, version: 1.27.0 }
world:
  index:
    packages:
      hello: { versions: { "1.0": { files: { hello.py: "X = 1\\n" } } } }
steps:
  - install: hello
expect:
  # the outcome was guessed wrong
  outcome: partial
  output:
    mode: contains
    lines: [Done]
`;

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => cleanup?.());

describe('--update', () => {
  it('refuses the virtual backend with one line that says what to use, and leaves the file alone', async () => {
    const t = await tempFiles({ 's.yaml': SCENARIO });
    cleanup = t.cleanup;
    for (const backend of [[], ['--backend', 'virtual'], ['--backend', 'all', '--micropython', '/nonexistent/micropython']]) {
      const { result, stderr } = await captureOutput(() => main(['run', t.root, '--update', ...backend]));
      expect(result).toBe(2);
      expect(stderr).toMatch(/^miprig: --update records what real binaries print; .*use --backend unix/);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(await readFile(t.path('s.yaml'), 'utf8')).toBe(SCENARIO);
  });

  it('refuses model observations in the library API too', async () => {
    const t = await tempFiles({ 's.yaml': SCENARIO });
    cleanup = t.cleanup;
    const scenario = await loadScenario(t.path('s.yaml'));
    const runs = await runScenarios([scenario], [new VirtualBackend('1.22.2')]);
    await expect(updateScenarios([scenario], runs)).rejects.toThrow(/virtual@1\.22\.2 is not one/);
    expect(await readFile(t.path('s.yaml'), 'utf8')).toBe(SCENARIO);
  });

  it.skipIf(!mip127)(`rewrites only the failing field from a real binary, keeps comments and layout, and the file then passes${skipNote('1.27.0')}`, async () => {
    const t = await tempFiles({ 's.yaml': SCENARIO });
    cleanup = t.cleanup;
    const { result } = await captureOutput(() => main(['run', t.root, '--update', '--backend', 'unix', '--micropython', mip127!.path]));
    expect(result).toBe(0);
    const text = await readFile(t.path('s.yaml'), 'utf8');
    expect(text).toBe(SCENARIO.replace('  outcome: partial\n', '  outcome: done\n'));
    const again = await captureOutput(() => main(['run', t.root, '--backend', 'unix', '--micropython', mip127!.path]));
    expect(again.result).toBe(0);
  });

  it.skipIf(!mip122)(`records a real binary of another version as a variant keyed by that runtime${skipNote('1.22.2')}`, async () => {
    const GITLAB = `name: gitlab variant
device: { port: esp32, version: 1.27.0 }
world:
  index: {}
  gitlab:
    pete/blink:
      refs: { main: { blink.py: "X = 1\\n", package.json: { json: { urls: [[blink.py, "gitlab:pete/blink/blink.py"]] } } } }
steps:
  - install: gitlab:pete/blink
expect:
  outcome: done
`;
    const t = await tempFiles({ 's.yaml': GITLAB });
    cleanup = t.cleanup;
    const scenario = await loadScenario(t.path('s.yaml'));
    // mip 0.2.0 (1.22.2) does not know gitlab: and looks the spec up in the index instead.
    const unix = await createBackends('unix', [mip122!.path], { timeoutMs: 30_000 });
    try {
      const runs = await runScenarios([scenario], unix);
      expect(runs[0]!.result.status).toBe('fail');
      expect(await updateScenarios([scenario], runs)).toEqual([t.path('s.yaml')]);
      const updated = await loadScenario(t.path('s.yaml'));
      expect(updated.spec.variants).toEqual([
        { when: { runtime: '=1.22.2' }, note: `recorded from ${unix[0]!.name}`, expect: { outcome: 'not-found' } },
      ]);
      expect(updated.text.startsWith(GITLAB)).toBe(true);
      const again = await runScenarios([updated], [...unix, new VirtualBackend()]);
      expect(again.map((r) => r.result.status)).toEqual(['pass', 'pass']);
    } finally {
      await Promise.all(unix.map((b) => b.stop()));
    }
  });
});
