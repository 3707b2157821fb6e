import type { VmExecResult } from '../vm/VmWorker.ts';
import { boardErrnoText } from './boardErrno.ts';

const CTRL_A = 0x01;
const CTRL_B = 0x02;
const CTRL_C = 0x03;
const CTRL_D = 0x04;
const CTRL_E = 0x05;
/** Raw-paste flow-control window, as MicroPython's boards announce it (pyexec.c, 128 bytes). */
const PASTE_WINDOW = 128;

export interface RawReplOptions {
  /** Runs Python in the device's VM (its `__main__` globals persist from one command to the next). */
  exec(code: string): Promise<VmExecResult>;
  /** A soft reset: the device's RAM state starts over, its files stay. */
  softReset(): Promise<void>;
  /** The friendly REPL's banner line, e.g. `MicroPython v1.27.0 on 2025-12-09; JS with Emscripten`. */
  banner: string;
  /** Bytes the device sends back to the host. */
  send(bytes: Buffer): void;
}

/**
 * The device end of MicroPython's REPL protocol as `pyexec.c` speaks it on a board: the friendly
 * REPL, the raw REPL (Ctrl-A; code, Ctrl-D, `OK`, output, `\x04`, traceback, `\x04`, `>`), raw
 * paste (`\x05A\x01`, `R\x01` and a 128-byte window) and the soft reset (Ctrl-D on an empty raw
 * line). The code runs on a real MicroPython VM; what it prints goes back with a board's `\r\n`
 * line ends, and an `OSError` the VM's file system raised with an Emscripten errno is shown with
 * the MicroPython errno a board would raise (boardErrno.ts).
 *
 * @example
 * const device = new RawReplDevice({ exec: (c) => worker.exec(c), softReset, banner, send: (b) => pty.write(b) });
 * pty.on('data', (b) => device.feed(b));
 */
export class RawReplDevice {
  private mode: 'friendly' | 'raw' | 'paste' = 'friendly';
  private line: number[] = [];
  private pasteSinceGrant = 0;
  private readonly inbox: Buffer[] = [];
  private pumping: Promise<void> | undefined;

  constructor(private readonly options: RawReplOptions) {}

  /** Bytes from the host; handled in order, one command at a time. */
  feed(bytes: Buffer): void {
    this.inbox.push(bytes);
    this.pumping ??= this.pump().finally(() => (this.pumping = undefined));
  }

  /** Resolves when every byte fed so far has been handled. */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  private async pump(): Promise<void> {
    for (let chunk = this.inbox.shift(); chunk; chunk = this.inbox.shift()) {
      for (const byte of chunk) await this.byte(byte);
    }
  }

  private out(text: string | Buffer): void {
    this.options.send(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
  }

  private async byte(c: number): Promise<void> {
    if (this.mode === 'paste') return this.pasteByte(c);
    if (this.mode === 'friendly') return this.friendlyByte(c);
    if (c === CTRL_A) {
      if (this.line.length === 2 && this.line[0] === CTRL_E && this.line[1] === 0x41) {
        this.mode = 'paste';
        this.line = [];
        this.pasteSinceGrant = 0;
        this.out(Buffer.from([0x52, 0x01, PASTE_WINDOW & 0xff, PASTE_WINDOW >> 8]));
        return;
      }
      this.line = [];
      this.out('raw REPL; CTRL-B to exit\r\n>');
    } else if (c === CTRL_B) {
      this.mode = 'friendly';
      this.line = [];
      this.out(`\r\n${this.options.banner}\r\nType "help()" for more information.\r\n>>> `);
    } else if (c === CTRL_C) {
      this.line = [];
    } else if (c === CTRL_D) {
      this.out('OK');
      if (this.line.length === 0) {
        this.out('\r\n');
        await this.options.softReset();
        this.out('MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>');
        return;
      }
      await this.run();
      this.out('>');
    } else {
      this.line.push(c);
    }
  }

  private async pasteByte(c: number): Promise<void> {
    if (c === CTRL_D) {
      this.out('\x04');
      await this.run();
      this.mode = 'raw';
      this.out('>');
      return;
    }
    this.line.push(c);
    // Grant the next window once this one has been taken in.
    if (++this.pasteSinceGrant === PASTE_WINDOW) {
      this.pasteSinceGrant = 0;
      this.out('\x01');
    }
  }

  private async friendlyByte(c: number): Promise<void> {
    if (c === CTRL_A) {
      this.mode = 'raw';
      this.line = [];
      this.out('\r\nraw REPL; CTRL-B to exit\r\n>');
    } else if (c === CTRL_D) {
      await this.options.softReset();
      this.out(`MPY: soft reboot\r\n${this.options.banner}\r\nType "help()" for more information.\r\n>>> `);
    } else if (c === CTRL_C || c === 0x0d) {
      // The friendly REPL is only passed through on the way to the raw one: a line typed here is
      // not run (mpremote never types one for `mip`).
      this.out('\r\n>>> ');
    }
  }

  /** The collected command, run; its output and traceback framed as the raw REPL frames them. */
  private async run(): Promise<void> {
    const code = Buffer.from(this.line).toString('utf8');
    this.line = [];
    const r = await this.options.exec(code);
    this.out(Buffer.from(cooked(r.text), 'utf8'));
    this.out('\x04');
    if (r.error) this.out(Buffer.from(cooked(boardErrnoText(r.error.message)), 'utf8'));
    this.out('\x04');
  }
}

/** A board's console turns `\n` into `\r\n` (mp_hal_stdout_tx_strn_cooked). */
function cooked(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
