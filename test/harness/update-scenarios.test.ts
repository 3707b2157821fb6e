// `--update` records observations into a scenario like `vitest -u`: failing fields only, the rest
// of the file (comments, folded text, flow style) untouched.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualBackend } from '../../harness/backends/VirtualBackend.ts';
import { main } from '../../harness/cli/main.ts';
import { runScenarios } from '../../harness/runScenarios.ts';
import { loadScenario } from '../../harness/scenario/loadScenario.ts';
import { updateScenarios } from '../../harness/update/updateScenarios.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { tempFiles } from '../support/tempScenarios.ts';

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
  it('rewrites only the failing field, keeps comments and layout, and the file then passes', async () => {
    const t = await tempFiles({ 's.yaml': SCENARIO });
    cleanup = t.cleanup;
    const { result } = await captureOutput(() => main(['run', t.root, '--update']));
    expect(result).toBe(0);
    const text = await readFile(t.path('s.yaml'), 'utf8');
    expect(text).toBe(SCENARIO.replace('  outcome: partial\n', '  outcome: done\n'));
    const again = await captureOutput(() => main(['run', t.root]));
    expect(again.result).toBe(0);
  });

  it('records a run on another version as a variant keyed by that runtime', async () => {
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
    const runs = await runScenarios([scenario], [new VirtualBackend('1.22.2')]);
    expect(runs[0]!.result.status).toBe('fail');
    expect(await updateScenarios([scenario], runs)).toEqual([t.path('s.yaml')]);
    const updated = await loadScenario(t.path('s.yaml'));
    expect(updated.spec.variants).toEqual([
      { when: { runtime: '=1.22.2' }, note: 'recorded from virtual@1.22.2', expect: { outcome: 'not-found' } },
    ]);
    expect(updated.text.startsWith(GITLAB)).toBe(true);
    const again = await runScenarios([updated], [new VirtualBackend('1.22.2'), new VirtualBackend()]);
    expect(again.map((r) => r.result.status)).toEqual(['pass', 'pass']);
  });
});
