// upip 1.19.1 when no response comes back (tools/upip.py `url_open`, v1.19.1 lines 150-152):
//     s.write("GET /%s HTTP/1.0\r\nHost: %s:%s\r\n\r\n" % (urlpath, host, port))
//     l = s.readline()
//     protover, status, msg = l.split(None, 2)
// An empty answer fails the unpacking; a reset fails the readline. `port = 443` unless the URL
// names one, TLS only for "https:", so an http:// index is plain HTTP to a TLS port: the issue's
// `[Errno 104] ECONNRESET`. Both land in install()'s `except Exception as e` (lines 248-252): printed,
// queue abandoned, exit 0.
import { describe, expect, it } from 'vitest';
import { upipCmdline } from '../../src/installers/upipCmdline.ts';
import { pypi, setup } from './helpers.ts';

const PKG = { 'micropython-foo': { version: '1.0', files: { 'foo.py': 'F = 1\n' } } };

describe('upip: no response', () => {
  it('a server that closes before any byte: need more than 0 values to unpack', async () => {
    const { device, world } = await setup({}, {
      pypi: [pypi('https://micropython.org/pi', PKG)],
      faults: [{ on: { url: 'https://micropython.org/pi/micropython-foo/json' }, closeWithoutResponse: true }],
    });
    expect(await upipCmdline(device, world, ['install', 'micropython-foo'])).toEqual({ exitCode: 0 });
    expect(device.output.slice(1)).toEqual([
      'Warning: micropython.org SSL certificate is not validated',
      "Error installing 'micropython-foo': need more than 0 values to unpack, packages may be partially installed",
    ]);
  });

  it('an http:// index without a port: plain HTTP to port 443, reset: [Errno 104] ECONNRESET', async () => {
    const { device, world } = await setup({}, { pypi: [pypi('https://micropython.org/pi', PKG)] });
    expect(await upipCmdline(device, world, ['install', '-i', 'http://micropython.org/pi', 'micropython-foo'])).toEqual({ exitCode: 0 });
    expect(device.output).toEqual([
      'Installing to: /home/.micropython/lib/',
      "Error installing 'micropython-foo': [Errno 104] ECONNRESET, packages may be partially installed",
    ]);
    expect(world.log).toMatchObject([
      { url: 'http://micropython.org/pi/micropython-foo/json', status: 0, noResponse: 'reset', headers: [['Host', 'micropython.org:443']] },
    ]);
  });

  it('an http:// release URL is reset the same way, after the JSON was read', async () => {
    const url = 'http://micropython.org/pi/foo/micropython-foo-1.0.tar.gz';
    const { device, world } = await setup({}, {
      pypi: [{ url: 'https://micropython.org/pi', packages: { 'micropython-foo': { releases: { '1.0': [{ url, content: { sdist: { name: 'micropython-foo', version: '1.0', files: { 'foo.py': 'F = 1\n' } } } }] } } } }],
    });
    await upipCmdline(device, world, ['install', 'micropython-foo']);
    expect(device.output.slice(-2)).toEqual([
      `Installing micropython-foo 1.0 from ${url}`,
      "Error installing 'micropython-foo': [Errno 104] ECONNRESET, packages may be partially installed",
    ]);
  });

  it('an http:// index that names a port other than 443 is plain HTTP there, and answered', async () => {
    // Routing is by host name (the port is not part of the routed URL), so the index is declared without it.
    const { device, world } = await setup({}, { pypi: [pypi('http://micropython.org/pi', PKG)] });
    await upipCmdline(device, world, ['install', '-i', 'http://micropython.org:8080/pi', 'micropython-foo']);
    expect(world.log[0]).toMatchObject({ status: 200 });
  });
});
