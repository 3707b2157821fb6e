// The device end of the REPL protocol, byte for byte as mpremote's transport_serial.py expects it
// (enter_raw_repl, raw_paste_write, exec_raw_no_follow, follow) and as pyexec.c sends it on a board.
import { describe, expect, it } from 'vitest';
import { RawReplDevice } from '../../harness/mpremote/RawReplDevice.ts';
import type { VmExecResult } from '../../harness/vm/VmWorker.ts';

function device(run: (code: string) => VmExecResult = () => ({ lines: [], text: '' })) {
  const sent: Buffer[] = [];
  const ran: string[] = [];
  let resets = 0;
  const d = new RawReplDevice({
    exec: async (code) => (ran.push(code), run(code)),
    softReset: async () => void resets++,
    banner: 'MicroPython v1.27.0 on miprig; unix',
    send: (b) => sent.push(b),
  });
  const take = (): string => Buffer.concat(sent.splice(0)).toString('latin1');
  return { d, take, ran, resets: () => resets };
}

describe('RawReplDevice', () => {
  it('enters the raw REPL from the friendly one and soft-resets on Ctrl-D with an empty line', async () => {
    const { d, take, resets } = device();
    d.feed(Buffer.from('\r\x03'));
    d.feed(Buffer.from('\r\x01'));
    await d.idle();
    expect(take()).toBe('\r\n>>> \r\n>>> \r\n>>> \r\nraw REPL; CTRL-B to exit\r\n>');
    d.feed(Buffer.from('\x04'));
    await d.idle();
    expect(resets()).toBe(1);
    expect(take()).toBe('OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>');
  });

  it('runs a raw-REPL command: OK, output, \\x04, traceback, \\x04, then the next prompt', async () => {
    const { d, take, ran } = device(() => ({ lines: [], text: 'a\nb', error: { type: 'ZeroDivisionError', message: 'Traceback (most recent call last):\n  File "<stdin>", line 2, in <module>\nZeroDivisionError: divide by zero\n' } }));
    d.feed(Buffer.from('\x01'));
    d.feed(Buffer.from('print(1)\n1/0\x04'));
    await d.idle();
    expect(ran).toEqual(['print(1)\n1/0']);
    expect(take()).toBe('\r\nraw REPL; CTRL-B to exit\r\n>OKa\r\nb\x04Traceback (most recent call last):\r\n  File "<stdin>", line 2, in <module>\r\nZeroDivisionError: divide by zero\r\n\x04>');
  });

  it('speaks raw paste: R\\x01, a 128-byte window, a grant per window taken, \\x04 echoed at the end', async () => {
    const { d, take, ran } = device(() => ({ lines: [], text: 'ok\n' }));
    d.feed(Buffer.from('\x01'));
    await d.idle();
    take();
    d.feed(Buffer.from('\x05A\x01'));
    await d.idle();
    expect([...take()].map((c) => c.charCodeAt(0))).toEqual([0x52, 0x01, 128, 0]);
    const code = `x = ${'1'.repeat(300)}`;
    d.feed(Buffer.from(code));
    await d.idle();
    expect(take()).toBe('\x01\x01'); // 304 bytes: two windows of 128 taken in
    d.feed(Buffer.from('\x04'));
    await d.idle();
    expect(ran).toEqual([code]);
    expect(take()).toBe('\x04ok\r\n\x04\x04>');
  });

  it('shows a bare Emscripten errno as the MicroPython errno a board raises', async () => {
    const { d, take } = device(() => ({ lines: [], text: '', error: { type: 'OSError', message: 'Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nOSError: 44\n' } }));
    d.feed(Buffer.from('\x01import os\nos.stat("/nope")\x04'));
    await d.idle();
    expect(take()).toContain('\x04Traceback (most recent call last):\r\n  File "<stdin>", line 1, in <module>\r\nOSError: [Errno 2] ENOENT\r\n\x04>');
  });

  it('Ctrl-B leaves for the friendly REPL with the banner', async () => {
    const { d, take } = device();
    d.feed(Buffer.from('\x01\r\x02'));
    await d.idle();
    expect(take()).toBe('\r\nraw REPL; CTRL-B to exit\r\n>\r\nMicroPython v1.27.0 on miprig; unix\r\nType "help()" for more information.\r\n>>> ');
  });
});
