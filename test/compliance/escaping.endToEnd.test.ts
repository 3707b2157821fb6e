// Issue "runs that nothing can break", item 6, end to end: a package whose package.json names a
// file "a\x01\e[2Jb\u202e.py" and a URL with ESC and C1 in it, installed on the virtual device.
// The pretty report on stdout shows them as escapes; JSON and JUnit reports stay well-formed and
// keep (JSON) or show (JUnit) the exact names.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { captureRawOutput } from '../support/captureRawOutput.ts';
import { tempFiles } from '../support/tempScenarios.ts';
import { elements, parseXml, textOf } from '../support/strictXml.ts';

// YAML double-quoted escapes: \e is ESC, \a BEL, \x9b the C1 CSI.
const SCENARIO = `name: "hostile \\e]0;pwned\\a names"
device: { port: unix, version: 1.27.0 }
world:
  github:
    evil/pkg:
      refs:
        main:
          package.json:
            json:
              urls:
                - ["a\\x01\\e[2Jb\\u202e.py", "github:evil/pkg/x\\e[2J\\x9b.py"]
          "x\\e[2J\\x9b.py": "X = 1\\n"
steps:
  - install: { installer: mip-cmdline, spec: github:evil/pkg }
expect:
  output: { lines: [Done] }
`;

const FILE = 'a\u0001\u001b[2Jb\u202e.py';
const URL = 'https://raw.githubusercontent.com/evil/pkg/HEAD/x\u001b[2J\u009b.py';

/** The reporter's own colours (SGR), and what must never reach the terminal raw. */
const SGR = /\u001b\[[0-9;]*m/g;
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function scenario(): Promise<{ root: string; path: (p: string) => string }> {
  const t = await tempFiles({ 's.yaml': SCENARIO });
  cleanup = t.cleanup;
  return t;
}

describe('a package with hostile file names and URLs, on the virtual device', () => {
  it('the pretty report prints them as visible escapes, and nothing raw reaches the terminal', async () => {
    const t = await scenario();
    const { result, stdout, stderr } = await captureRawOutput(() => main(['run', t.root]));
    expect(result).toBe(1);
    expect(stdout.replace(SGR, '')).not.toMatch(RAW);
    expect(stderr.replace(SGR, '').replace(/\r\u001b\[2K/g, '')).not.toMatch(RAW);
    const plain = stdout.replace(SGR, '');
    expect(plain).toContain(' ✗ hostile \\x1b]0;pwned\\x07 names');
    expect(plain).toContain('+ Copying: /home/.micropython/lib/a\\x01\\x1b[2Jb\\u202e.py');
    expect(plain).toContain('GET https://raw.githubusercontent.com/evil/pkg/HEAD/x\\x1b[2J\\x9b.py → 200');
  });

  it('the JSON report keeps the exact names, escaped, in valid UTF-8', async () => {
    const t = await scenario();
    const out = t.path('r.json');
    const { result, stdout } = await captureRawOutput(() => main(['run', t.root, '--reporter', 'json', '--out', out]));
    expect(result).toBe(1);
    expect(stdout).toBe('');
    const bytes = await readFile(out);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    expect(text).not.toMatch(RAW);
    const r = JSON.parse(text).results[0];
    expect(r.scenario.name).toBe('hostile \u001b]0;pwned\u0007 names');
    expect(Object.keys(r.files)).toContain(`/home/.micropython/lib/${FILE}`);
    expect(r.output).toContain(`Copying: /home/.micropython/lib/${FILE}`);
    expect(r.requests.map((q: { url: string }) => q.url)).toContain(URL);
  });

  it('the JUnit report is well-formed and shows the names as the terminal would', async () => {
    const t = await scenario();
    const { result, stdout } = await captureRawOutput(() => main(['run', t.root, '--reporter', 'junit']));
    expect(result).toBe(1);
    expect(stdout).not.toMatch(RAW);
    const root = parseXml(stdout);
    const [testcase] = elements(root, 'testcase');
    expect(testcase!.attributes['name']).toBe('hostile \\x1b]0;pwned\\x07 names');
    expect(textOf(elements(testcase!, 'system-out')[0]!)).toContain('Copying: /home/.micropython/lib/a\\x01\\x1b[2Jb\\u202e.py');
  });
});
