import { describe, expect, it } from 'vitest';
import { PyException } from '../../src/py/PyException.ts';
import { upipCmdline } from '../../src/installers/upipCmdline.ts';
import { setup } from './helpers.ts';

describe('micropython -m upip argv handling (verified on the 1.19.1 binary)', () => {
  it('no arguments prints the help, default path included, ending with an empty line', async () => {
    const { device, world } = await setup({}, {});
    expect(await upipCmdline(device, world, [])).toEqual({ exitCode: 0 });
    expect(device.output[0]).toBe('upip - Simple PyPI package manager for MicroPython');
    expect(device.output).toContain('Default install path: /home/.micropython/lib');
    expect(device.output.at(-1)).toBe('');
  });

  it('other commands and unknown options are fatal (exit 1)', async () => {
    const a = await setup({}, {});
    expect(await upipCmdline(a.device, a.world, ['list'])).toEqual({ exitCode: 1 });
    expect(a.device.output).toEqual(["Error: Only 'install' command supported"]);
    const b = await setup({}, {});
    expect(await upipCmdline(b.device, b.world, ['install', '-x'])).toEqual({ exitCode: 1 });
    expect(b.device.output).toEqual(['Error: Unknown/unsupported option: -x']);
  });

  it('an option without its value is an uncaught IndexError', async () => {
    const { device, world } = await setup({}, {});
    await expect(upipCmdline(device, world, ['install', '-p'])).rejects.toEqual(new PyException('IndexError', 'list index out of range'));
  });

  it('-r queues every non-# line right-stripped, blank lines included', async () => {
    const { device, world } = await setup({ files: { '/req.txt': '# c\na\n\nb  \n' } }, { strict: false });
    const upip = await upipCmdline(device, world, ['install', '--debug', '-r', '/req.txt', '-p', '/x']);
    expect(upip.exitCode).toBe(0);
    expect(device.output).toContain("Queue: ['a', '', 'b']");
  });
});
