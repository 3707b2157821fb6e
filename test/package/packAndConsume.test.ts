// Issue "runs that nothing can break", item 1: miprig as a package like any other. `npm pack`
// (which builds dist/ through `prepare`), installed into a scratch project, then used from plain
// Node (ESM), from TypeScript strict (NodeNext and Bundler) and from a vitest test.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'miprig-consumer-'));
const run = (cmd: string, args: string[], cwd = scratch, env: Record<string, string> = {}): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', ...env } });

const SCENARIO = `{ name: 'hello', device: { port: 'unix', version: '1.27.0' },
  world: { index: { packages: { hello: { versions: { '1.0': { files: { 'hello.py': 'x = 1\\n' } } } } } } },
  steps: [{ install: 'hello' }], expect: { outcome: 'done' } }`;

beforeAll(() => {
  run('npm', ['pack', '--pack-destination', scratch], repo);
  const tgz = readdirSync(scratch).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const versions = JSON.parse(run('node', ['-p', 'JSON.stringify([require("./package.json").devDependencies])'], repo))[0] as Record<string, string>;
  // Everything comes from npm's cache, which installing miprig's own dependencies filled.
  run('npm', ['install', '--prefer-offline', '--ignore-scripts', `./${tgz}`, `typescript@${versions['typescript']}`, `@types/node@${versions['@types/node']}`, `vitest@${versions['vitest']}`]);
}, 240_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships compiled JavaScript and declarations, not the sources or the tests', () => {
    const files = run('tar', ['tzf', readdirSync(scratch).find((f) => f.endsWith('.tgz'))!]).split('\n');
    expect(files).toContain('package/dist/harness/index.js');
    expect(files).toContain('package/dist/harness/index.d.ts');
    expect(files).toContain('package/dist/harness/unix/shim/miprig_shim.c');
    expect(files).toContain('package/dist/cli/miprig.cjs');
    expect(files).toContain('package/dist/cli/syspath_edit.py');
    expect(files).toContain('package/bin/loadBundle.mjs');
    expect(files.filter((f) => /^package\/(test|bench|harness|src)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('plain Node (ESM) imports it and runs a scenario; the bin runs compiled JavaScript', () => {
    writeFileSync(join(scratch, 'plain.mjs'), `import { runScenario } from 'miprig';\nconst r = await runScenario(${SCENARIO});\nconsole.log(r.result.status);\n`);
    expect(run('node', ['plain.mjs']).trim()).toBe('pass');
    expect(run('node', ['node_modules/.bin/miprig', '--version']).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('the bin runs a scenario through the bundled CLI and keeps its code cache in the cache folder', () => {
    const cache = join(scratch, 'cache');
    writeFileSync(join(scratch, 'one.yaml'), `${SCENARIO}\n`);
    for (let i = 0; i < 2; i++) {
      expect(run('node', ['node_modules/.bin/miprig', 'run', 'one.yaml'], scratch, { MIPRIG_CACHE_DIR: cache })).toMatch(/1 passed, 0 failed/);
    }
    expect(readdirSync(cache).filter((f) => f.endsWith('.v8cache'))).toHaveLength(1);
  });

  for (const [name, options] of [
    ['NodeNext', { module: 'NodeNext', moduleResolution: 'NodeNext' }],
    ['Bundler', { module: 'ESNext', moduleResolution: 'Bundler' }],
  ] as const) {
    it(`TypeScript strict (${name}) compiles a consumer with no special flags`, () => {
      const dir = join(scratch, `ts-${name}`);
      run('mkdir', ['-p', dir]);
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', noEmit: true, ...options }, include: ['*.ts'] }));
      writeFileSync(
        join(dir, 'consumer.ts'),
        `import { runScenario, type ScenarioResult } from 'miprig';\nconst r = await runScenario(${SCENARIO});\nconst s: ScenarioResult['status'] = r.result.status;\nconsole.log(s);\nexport {};\n`,
      );
      run('node', [join(scratch, 'node_modules/typescript/bin/tsc'), '-p', dir]);
    });
  }

  it('a vitest test uses runScenario and the matchers of miprig/vitest', () => {
    writeFileSync(
      join(scratch, 'hello.test.ts'),
      `import { expect, test } from 'vitest';\nimport { runScenario } from 'miprig';\nimport { miprigMatchers } from 'miprig/vitest';\nexpect.extend(miprigMatchers);\ntest('hello', async () => {\n  expect(await runScenario(${SCENARIO})).toPass();\n});\n`,
    );
    const out = run('node', [join(scratch, 'node_modules/vitest/vitest.mjs'), 'run', '--root', scratch, 'hello.test.ts']);
    expect(out).toMatch(/1 passed/);
  });
});
