// The CLI's exit status is a contract: 0 all passed, 1 some failed, 2 usage or scenario error.
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../harness/cli/main.ts';
import { captureOutput } from '../support/captureOutput.ts';
import { tempFiles } from '../support/tempScenarios.ts';
import { helloScenario } from '../support/helloScenario.ts';
import { NEEDS_ANY_BINARY, binaryPaths } from '../support/realBinaries.ts';

/** Any real binary from MIPRIG_MICROPYTHON (tests that need one to get as far as starting a backend). */
const anyBinary: string | undefined = binaryPaths[0];

const PASSING = helloScenario({
  name: 'passes',
  port: 'esp32',
  version: '1.22.2',
  expect: 'expect:\n  files: { tree: { /lib/hello.mpy: true } }\n  outcome: done\n',
});

const FAILING = PASSING.replace('name: passes', 'name: fails').replace('/lib/hello.mpy', '/lib/nothere.py');

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('miprig run exit status', () => {
  it('is 0 when every scenario passes', async () => {
    const t = await tempFiles({ 'a.yaml': PASSING });
    cleanup = t.cleanup;
    const { result, stdout } = await captureOutput(() => main(['run', t.root]));
    expect(result).toBe(0);
    expect(stdout).toContain('1 passed, 0 failed');
  });

  it('is 1 when a scenario fails, and the report shows the diff and the request log', async () => {
    const t = await tempFiles({ 'a.yaml': PASSING, 'b.yaml': FAILING });
    cleanup = t.cleanup;
    const { result, stdout } = await captureOutput(() => main(['run', t.root]));
    expect(result).toBe(1);
    expect(stdout).toContain('1 passed, 1 failed');
    expect(stdout).toContain('/lib/nothere.py');
    expect(stdout).toContain('GET https://micropython.org/pi/v2/package/6/hello/latest.json → 200');
  });

  it('is 2 with one line naming the file, line and field for a malformed scenario', async () => {
    const t = await tempFiles({ 'bad.yaml': PASSING.replace('version: 1.22.2', 'verison: 1.22.2') });
    cleanup = t.cleanup;
    const { result, stderr, stdout } = await captureOutput(() => main(['run', t.root]));
    expect(result).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`miprig: ${t.path('bad.yaml')}:2: device: unknown field "verison" (fields are strict: check the spelling)`);
  });

  it('is 2 for an unquoted output line YAML reads as a mapping, giving the line to write instead', async () => {
    // `- Traceback (most recent call last):` ends in a colon; the fix quotes it without a "null".
    const lines = (line: string): string => `${PASSING}  output:\n    lines:\n      - ${line}\n`;
    const t = await tempFiles({ 'a.yaml': lines('Copying: /lib/hello.mpy'), 'b.yaml': lines('Traceback (most recent call last):') });
    cleanup = t.cleanup;
    const a = await captureOutput(() => main(['run', t.path('a.yaml')]));
    expect(a.result).toBe(2);
    expect(a.stderr).toContain('expect.output.lines[0]: YAML read this line as a mapping because it contains ": " or ends in ":" — quote it: "Copying: /lib/hello.mpy"');
    const b = await captureOutput(() => main(['run', t.path('b.yaml')]));
    expect(b.result).toBe(2);
    expect(b.stderr).toContain('— quote it: "Traceback (most recent call last):", got');
  });

  it('is 2 for YAML that does not parse, naming the line', async () => {
    const t = await tempFiles({ 'bad.yaml': 'name: x\nsteps: [1,\n' });
    cleanup = t.cleanup;
    const { result, stderr } = await captureOutput(() => main(['run', t.root]));
    expect(result).toBe(2);
    expect(stderr).toMatch(/bad\.yaml:\d+: not valid YAML/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('is 2 for a path that does not exist', async () => {
    const { result, stderr } = await captureOutput(() => main(['run', '/nonexistent/miprig']));
    expect(result).toBe(2);
    expect(stderr).toContain('/nonexistent/miprig: no such file or directory');
  });

  it('is 2 for --backend unix without a binary, saying how to give one', async () => {
    const saved = process.env['MIPRIG_MICROPYTHON'];
    delete process.env['MIPRIG_MICROPYTHON'];
    try {
      const t = await tempFiles({ 'a.yaml': PASSING });
      cleanup = t.cleanup;
      const { result, stderr } = await captureOutput(() => main(['run', t.root, '--backend', 'unix']));
      expect(result).toBe(2);
      expect(stderr).toContain('--micropython PATH');
      expect(stderr).toContain('MIPRIG_MICROPYTHON');
    } finally {
      if (saved !== undefined) process.env['MIPRIG_MICROPYTHON'] = saved;
    }
  });

  it('is 2 for a binary that does not exist, naming it', async () => {
    const t = await tempFiles({ 'a.yaml': PASSING });
    cleanup = t.cleanup;
    const { result, stderr } = await captureOutput(() => main(['run', t.root, '--backend', 'unix', '--micropython', '/no/such/micropython']));
    expect(result).toBe(2);
    expect(stderr).toContain('/no/such/micropython');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(!anyBinary)(`is 2 for MIPRIG_MPY_CROSS naming no executable when the launcher fallback runs, saying what to do${NEEDS_ANY_BINARY}`, async () => {
    const saved = process.env['MIPRIG_MPY_CROSS'];
    process.env['MIPRIG_MPY_CROSS'] = '/no/such/mpy-cross';
    process.env['MIPRIG_REDIRECT'] = 'launcher';
    try {
      const t = await tempFiles({ 'a.yaml': PASSING });
      cleanup = t.cleanup;
      const { result, stderr } = await captureOutput(() => main(['run', t.root, '--backend', 'unix', '--micropython', anyBinary!]));
      expect(result).toBe(2);
      expect(stderr.trim()).toMatch(/^miprig: unix:\S+: MIPRIG_MPY_CROSS=\/no\/such\/mpy-cross: \/no\/such\/mpy-cross is not an executable file; point it at mpy-cross \(built in mpy-cross\/build\/\) or unset it$/);
    } finally {
      if (saved === undefined) delete process.env['MIPRIG_MPY_CROSS'];
      else process.env['MIPRIG_MPY_CROSS'] = saved;
      delete process.env['MIPRIG_REDIRECT'];
    }
  });

  it('is 2 for an unknown option', async () => {
    const { result } = await captureOutput(() => main(['run', '--colour']));
    expect(result).toBe(2);
  });
});

describe('miprig run, a scenario that cannot be carried out', () => {
  it('is 2 and the report names the file and the reason', async () => {
    const bad = `name: bad content
device:
  files:
    /x.tar.gz: { sdist: { name: a, version: "1", files: { a.py: "" }, truncateAt: 999999 } }
steps: [{ import: os }]
`;
    const t = await tempFiles({ 'bad.yaml': bad });
    try {
      const { result, stdout } = await captureOutput(() => main(['run', t.root]));
      expect(result).toBe(2);
      expect(stdout).toContain(`${t.path('bad.yaml')}: `);
      expect(stdout).toMatch(/truncateAt/);
      expect(stdout).not.toMatch(/\n\s+at /);
    } finally {
      await t.cleanup();
    }
  });
});
