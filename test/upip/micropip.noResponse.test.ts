// micropip (peterhinch/micropython-samples micropip/micropip.py, url_open): the socket is
// `getaddrinfo(host, 443)` whatever the URL says and wrapped in TLS only for "https:", so an
// http:// release URL is plain HTTP to a TLS port; CPython's recv raises ConnectionResetError.
// get_pkg_metadata's bare `except:` sends any failure at micropython.org (an empty answer
// included) on to PyPI.
import { describe, expect, it } from 'vitest';
import { micropip } from '../../src/installers/micropip.ts';
import { pypi, setup, text } from './helpers.ts';

const SDIST = { sdist: { name: 'micropython-foo', version: '1.0', files: { 'foo.py': 'F = 1\n' } } };

describe('micropip: no response', () => {
  it('an http:// release URL: [Errno 104] Connection reset by peer', async () => {
    const url = 'http://micropython.org/pi/foo/micropython-foo-1.0.tar.gz';
    const { device, world } = await setup({}, {
      pypi: [{ url: 'https://micropython.org/pi', packages: { 'micropython-foo': { releases: { '1.0': [{ url, content: SDIST }] } } } }],
    });
    expect(await micropip(device, world, ['install', '-p', '/x', 'micropython-foo'])).toEqual({ exitCode: 0 });
    expect(device.output.at(-1)).toBe("Error installing 'micropython-foo': [Errno 104] Connection reset by peer, packages may be partially installed");
  });

  it('micropython.org closing before any byte: the unpacking fails and PyPI is asked instead', async () => {
    const { device, world } = await setup({}, {
      pypi: [pypi('https://pypi.org/pypi', { 'micropython-foo': { version: '1.0', files: { 'foo.py': 'F = 1\n' } } })],
      faults: [{ on: { url: 'https://micropython.org/pi/micropython-foo/json' }, closeWithoutResponse: true }],
    });
    await micropip(device, world, ['install', '-p', '/x', 'micropython-foo']);
    expect(world.log.map((r) => `${r.url} ${r.noResponse ?? r.status}`).slice(0, 2)).toEqual([
      'https://micropython.org/pi/micropython-foo/json closed',
      'https://pypi.org/pypi/micropython-foo/json 200',
    ]);
    expect(text(device.fs.readFile('/x/foo.py'))).toBe('F = 1\n');
  });
});
