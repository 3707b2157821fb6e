import { describe, expect, it } from 'vitest';
import { mipCmdline } from '../../src/installers/mipCmdline.ts';
import { PyException } from '../../src/py/PyException.ts';
import { FakeDevice, FakeNetwork, INDEX, indexPackage } from './fakes.ts';

const USAGE = 'usage: mip [-h] [-t, --target target] [-i, --index index] [--mpy] [--no-mpy] package+';

async function cli(argv: string[], net = new FakeNetwork()) {
  const device = new FakeDevice({ version: '1.27.0' });
  const { exitCode } = await mipCmdline(device, net, argv, '0.4.2');
  return { exitCode, output: device.output, net, device };
}

describe('micropython -m mip', () => {
  it('no subcommand prints nothing; an unknown one prints a line; both exit 0', async () => {
    expect(await cli([])).toMatchObject({ exitCode: 0, output: [] });
    expect(await cli(['list'])).toMatchObject({ exitCode: 0, output: ['mip: Unknown command "list"'] });
  });

  it('install with no package → usage + expecting value, exit 2', async () => {
    expect(await cli(['install'])).toMatchObject({ exitCode: 2, output: [USAGE, 'error: expecting value for package'] });
    expect(await cli(['install', '-t', '/x'])).toMatchObject({ exitCode: 2, output: [USAGE, 'error: expecting value for package'] });
  });

  it('--opt=value is an unknown option', async () => {
    expect(await cli(['install', '--target=/x', 'pkg'])).toMatchObject({ exitCode: 2, output: [USAGE, 'error: unknown option --target=/x'] });
  });

  it('an option missing its value', async () => {
    expect(await cli(['install', 'pkg', '--index'])).toMatchObject({ exitCode: 2, output: [USAGE, 'error: expecting value for --index'] });
  });

  it('a second group of positionals → extra args', async () => {
    expect(await cli(['install', 'a', '-t', '/x', 'b', 'c'])).toMatchObject({ exitCode: 2, output: [USAGE, 'error: extra args: b c'] });
  });

  it('-h prints the full help (help strings verbatim) and exits 0', async () => {
    const { exitCode, output } = await cli(['install', '-h']);
    expect(exitCode).toBe(0);
    expect(output).toEqual([
      USAGE,
      '',
      '',
      'positional args:',
      '  package         ',
      '',
      'optional args:',
      '  -h, --help      show this message and exit',
      '  -t, --target targetDirectory to start discovery',
      '  -i, --index indexPattern to match test files',
      '  --mpy           download as compiled .mpy files (default)',
      '  --no-mpy        download as .py source files',
    ]);
  });

  it('installs each package in turn with @version, options before or after, exit 0 even on failure', async () => {
    const net = new FakeNetwork();
    indexPackage(net, 'b', { 'b.py': 'b' }, { version: '2.0', tree: 'py' });
    const { exitCode, output } = await cli(['install', 'a', 'b@2.0', '--no-mpy', '-t', '/x'], net);
    expect(exitCode).toBe(0);
    expect(output).toEqual([
      `Installing a (latest) from ${INDEX} to /x`,
      `Package not found: ${INDEX}/package/py/a/latest.json`,
      'Package may be partially installed',
      `Installing b (2.0) from ${INDEX} to /x`,
      'Copying: /x/b.py',
      'Done',
    ]);
  });

  it('two "@" in a spec → uncaught ValueError (the caller exits 1)', async () => {
    const err = await cli(['install', 'a@1@2']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PyException);
    expect((err as PyException).line).toBe('ValueError: too many values to unpack (expected 2)');
  });

  it('"--" lets packages start with "-"', async () => {
    const { output } = await cli(['install', '--', '-odd']);
    expect(output[0]).toBe('Installing -odd (latest) from https://micropython.org/pi/v2 to /lib');
  });
});
