// `micropython -m mip <command>` with a command other than install: micropython-lib
// micropython/mip-cmdline/mip/__main__.py (0.1.0, the same file at every pinned commit from
// v1.20.0 to master):
//     if len(sys.argv) >= 2:
//         if sys.argv[1] == "install": do_install()
//         else: print('mip: Unknown command "{}"'.format(sys.argv[1]))
// The module then ends normally: exit 0, whatever the word, and nothing at all without one.
import { describe, expect, it } from 'vitest';
import { mipArgv } from '../../src/installers/installArgv.ts';
import { mipCmdline } from '../../src/installers/mipCmdline.ts';
import { mipVersionFor } from '../../src/device/frozenLibraries.ts';
import { installStep } from '../../src/scenario/schema.ts';
import { FakeDevice, FakeNetwork } from './fakes.ts';

const MIP_RUNTIMES = { '1.20.0': '0.2.0', '1.22.2': '0.2.0', '1.24.1': '0.3.0', '1.25.0': '0.4.1', '1.27.0': '0.4.2', master: '0.5.0' };

/** The step `install: { installer: mip-cmdline, command }` on a device of that runtime. */
async function run(command: string[], version = '1.27.0') {
  const device = new FakeDevice({ version });
  const net = new FakeNetwork();
  const { exitCode } = await mipCmdline(device, net, mipArgv(installStep.parse({ installer: 'mip-cmdline', command })), mipVersionFor(version));
  return { exitCode, output: device.output, requests: net.requests.length };
}

describe('mip command line: commands other than install', () => {
  for (const [runtime, mip] of Object.entries(MIP_RUNTIMES)) {
    it(`mip ${mip} (${runtime}): an unknown word is printed back, no word prints nothing; exit 0, no request`, async () => {
      expect(await run(['list'], runtime)).toEqual({ exitCode: 0, output: ['mip: Unknown command "list"'], requests: 0 });
      expect(await run([], runtime)).toEqual({ exitCode: 0, output: [], requests: 0 });
    });
  }

  it('-h/--help before a command is just an unknown command (only do_install builds a parser)', async () => {
    expect(await run(['--help'])).toEqual({ exitCode: 0, output: ['mip: Unknown command "--help"'], requests: 0 });
    expect(await run(['Install', 'x'])).toEqual({ exitCode: 0, output: ['mip: Unknown command "Install"'], requests: 0 });
  });

  it('a command starting with install runs the argparse of do_install', async () => {
    const { exitCode, output } = await run(['install']);
    expect(exitCode).toBe(2);
    expect(output.at(-1)).toBe('error: expecting value for package');
  });
});
