import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, round, type Figure } from './figure.ts';

const ROUNDS = 15;

/**
 * Start-up of the `miprig` command as an installed package runs it (bin/miprig.mjs loading the
 * bundle dist/cli/miprig.cjs with its code cache, `MIPRIG_CLI=bundle` in this checkout): wall time
 * of one scenario through `miprig run` vs `node -e 1`, interleaved, medians of one run; the first
 * rounds (which also write the code cache, in a temp cache folder) are not counted. Needs
 * `npm run build` first (skipped, with the reason, without dist/).
 */
export function benchCliStart(): Figure[] | string {
  const bin = resolve(import.meta.dirname, '../bin/miprig.mjs');
  if (!existsSync(resolve(import.meta.dirname, '../dist/cli/miprig.cjs'))) return 'cli start: skipped (no dist/: run `npm run build` first)';
  const dir = mkdtempSync(join(tmpdir(), 'miprig-bench-cli-'));
  const file = join(dir, 'one.yaml');
  writeFileSync(
    file,
    'name: one\ndevice: { port: unix, version: 1.27.0 }\nworld: { index: { packages: { hello: { versions: { "1.0": { files: { hello.py: "x = 1\\n" } } } } } } }\nsteps: [{ install: hello }]\nexpect: { outcome: done }\n',
  );
  const env = { ...process.env, MIPRIG_CLI: 'bundle', MIPRIG_CACHE_DIR: join(dir, 'cache') };
  const node: number[] = [];
  const run: number[] = [];
  try {
    for (let i = 0; i < ROUNDS + 2; i++) {
      let t = performance.now();
      spawnSync(process.execPath, ['-e', '1']);
      const a = performance.now() - t;
      t = performance.now();
      const r = spawnSync(process.execPath, [bin, 'run', file], { encoding: 'utf8', env });
      const b = performance.now() - t;
      if (r.status !== 0) throw new Error(`miprig run failed: ${r.stdout}${r.stderr}`);
      if (i >= 2) {
        node.push(a);
        run.push(b);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const s = median(run) / 1000;
  return [
    { name: 'cli start: node -e 1, median', value: round(median(node) / 1000, 3), unit: 's' },
    { name: 'cli start: one scenario through `miprig run`, median', value: round(s, 3), unit: 's', target: { text: '≤ 0.3 s', met: s <= 0.3 } },
  ];
}
