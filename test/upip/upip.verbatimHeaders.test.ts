// upip never reads a header line's content (tools/upip.py v1.19.1 lines 157-162: skip lines
// until b"\r\n", EOF first is "Unexpected EOF in HTTP headers"), so verbatim, odd or broken
// header lines change nothing; a 301 is "Package not found" whatever its Location says.
import { describe, expect, it } from 'vitest';
import { UpipModule } from '../../src/installers/upip.ts';
import { pypi, setup, text } from './helpers.ts';

const PKG = { 'micropython-foo': { version: '1.0', files: { 'foo.py': 'F = 1\n' } } };
const JSON_URL = 'https://micropython.org/pi/micropython-foo/json';

describe('upip: header lines', () => {
  it('lines without a space, without a colon, or repeated are skipped unread', async () => {
    const { device, world } = await setup({}, {
      pypi: [pypi('https://micropython.org/pi', PKG)],
      faults: [{ on: { url: JSON_URL }, headers: ['Location:https://elsewhere.example/x', 'X-Odd', 'content-type:text/html', 'content-type:text/html'] }],
    });
    await new UpipModule(device, world).install('micropython-foo', '/x');
    expect(text(device.fs.readFile('/x/foo.py'))).toBe('F = 1\n');
  });

  it('a 301 with a Location is not followed: Package not found', async () => {
    const { device, world } = await setup({}, { faults: [{ on: { match: '/json$' }, status: 301, headers: ['Location:https://elsewhere.example/x'] }] });
    await new UpipModule(device, world).install('micropython-foo', '/x');
    expect(device.output.at(-1)).toBe("Error installing 'micropython-foo': Package not found, packages may be partially installed");
    expect(world.log.map((r) => r.url)).toEqual([JSON_URL, 'https://pypi.org/pypi/micropython-foo/json']);
  });
});
