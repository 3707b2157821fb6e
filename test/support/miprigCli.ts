import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = resolve(ROOT, 'bin/miprig.mjs');

/**
 * Run the miprig command as a user does (`node bin/miprig.mjs …`, its own process) and collect
 * its exit code and output, from the repository root (scenario ids in reports are relative to it).
 * `MIPRIG_CLI: 'bundle'` in `env` runs the built bundle instead of the sources.
 *
 * @example
 * const { code, stderr } = await miprig(['report', 'r.json', '--html', 'r.html']);
 */
export function miprig(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
