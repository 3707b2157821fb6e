import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Start `miprig run` (the real CLI, in its own process) on a scenario that hangs on a real binary,
 * wait until its run root exists, send `signal`, and report how it ended: exit code, how long the
 * exit took, the report it wrote, and the folder its run roots were made in.
 *
 * @example
 * const r = await interruptRun(binary, 'SIGINT'); // r.code === 130
 */
export async function interruptRun(
  binary: string,
  signal: 'SIGINT' | 'SIGTERM',
): Promise<{ code: number | null; exitMs: number; reportFile: string; rootsDir: string; stderr: string }> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'miprig-interrupt-')));
  const rootsDir = join(dir, 'roots');
  const scenarios = join(dir, 'scenarios');
  mkdirSync(rootsDir);
  mkdirSync(scenarios);
  writeFileSync(
    join(scenarios, 'hang.yaml'),
    `name: a server that never closes
device: { port: unix, version: 1.27.0 }
timeoutMs: 60000
world:
  http: { "https://example.com/slow.py": "X = 1\\n" }
  faults: [{ on: { url: "https://example.com/slow.py" }, neverClose: true }]
steps: [{ install: { installer: mip-cmdline, spec: "https://example.com/slow.py" } }]
expect: { outcome: timeout }
`,
  );
  const reportFile = join(dir, 'report.json');
  const cli = resolve(import.meta.dirname, '../../bin/miprig.mjs');
  const child = spawn(process.execPath, [cli, 'run', scenarios, '--backend', 'unix', '--micropython', binary, '--reporter', 'json', '--out', reportFile], {
    env: { ...process.env, MIPRIG_RUN_ROOT_DIR: rootsDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const deadline = Date.now() + 30_000;
  // A scenario's run root has a HOME in it (the binaries' probe makes run roots of its own first).
  const scenarioRunning = (): boolean => readdirSync(rootsDir).some((d) => existsSync(join(rootsDir, d, 'home')));
  while (!scenarioRunning() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300)); // the binary is waiting on the server by now
  const sent = Date.now();
  child.kill(signal);
  const code = await exited;
  return { code, exitMs: Date.now() - sent, reportFile, rootsDir, stderr };
}
