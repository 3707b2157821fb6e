import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { mpremotePythonSource } from './python/mpremotePythonSource.ts';

/**
 * A pseudo-terminal (`/dev/pts/N`) that real mpremote connects to as it would to a board's USB
 * serial port. Node has no pty of its own, so a small CPython process holds one
 * (python/pty_bridge.py) and passes its bytes over pipes: `onData` gets what mpremote writes,
 * `write` answers it. `close` ends the bridge (and the terminal).
 *
 * @example
 * const pty = await PtyBridge.open('python3', (bytes) => device.feed(bytes));
 * // mpremote connect ${pty.path} …
 * pty.close();
 */
export class PtyBridge {
  private constructor(
    private readonly child: ChildProcessByStdio<Writable, Readable, null>,
    /** The terminal's path, e.g. `/dev/pts/3`. */
    readonly path: string,
  ) {}

  static open(python: string, onData: (bytes: Buffer) => void): Promise<PtyBridge> {
    const child = spawn(python, ['-c', mpremotePythonSource('pty_bridge')], { stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdin.on('error', () => undefined);
    return new Promise((resolve, reject) => {
      let head: Buffer = Buffer.alloc(0);
      let bridge: PtyBridge | undefined;
      child.once('error', (err) => reject(new Error(`cannot start ${python} for the mpremote terminal: ${err.message}`)));
      child.once('exit', (code) => bridge === undefined && reject(new Error(`${python} could not open a pseudo-terminal (exit ${code})`)));
      child.stdout.on('data', (chunk: Buffer) => {
        if (bridge) return onData(chunk);
        head = Buffer.concat([head, chunk]);
        const nl = head.indexOf(0x0a);
        if (nl === -1) return;
        bridge = new PtyBridge(child, head.subarray(0, nl).toString('utf8'));
        resolve(bridge);
        if (head.length > nl + 1) onData(head.subarray(nl + 1));
      });
    });
  }

  /** Bytes from the device to mpremote. */
  write(bytes: Buffer): void {
    if (!this.child.stdin.destroyed) this.child.stdin.write(bytes);
  }

  /** End the bridge; the terminal goes with it. Idempotent. */
  close(): void {
    this.child.stdin.end();
    this.child.kill('SIGKILL');
  }
}
