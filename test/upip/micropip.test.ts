import { describe, expect, it } from 'vitest';
import { micropip } from '../../src/installers/micropip.ts';
import { micropipReadLines } from '../../src/installers/micropipHttp.ts';
import { ResponseSocket } from '../../src/net/httpClientSocket.ts';
import { pypi, setup, text } from './helpers.ts';

describe('micropip (CPython port of upip, model only)', () => {
  it('read_lines stops after a line that is exactly CRLF: a body with "\\n\\r\\n" is cut there', () => {
    const body = new TextEncoder().encode('ab\n\r\ncd\n');
    const sock = new ResponseSocket({ bytes: body, end: 'close' }, 'https://h/x');
    expect(text(micropipReadLines(sock))).toBe('ab\n\r\n');
  });

  it('any error from micropython.org (a resolve failure too) falls back to PyPI', async () => {
    const { device, world } = await setup({}, {
      faults: [{ on: { url: 'https://micropython.org/pi/p/json' }, dnsFailure: true }],
      pypi: [pypi('https://pypi.org/pypi', { p: { version: '1.0', files: { 'p.py': 'P' } } })],
    });
    expect(await micropip(device, world, ['install', '-p', '/x', 'p'])).toEqual({ exitCode: 0 });
    expect(device.output[1]).toBe('Unable to resolve micropython.org (no Internet?)');
    expect(text(device.fs.readFile('/x/p.py'))).toBe('P');
  });

  it('on Python 3.12 ssl.wrap_socket is gone: AttributeError for every package', async () => {
    const { device, world } = await setup({}, {});
    await micropip(device, world, ['install', '-p', '/x', 'p'], { python: '3.12' });
    expect(device.output.at(-1)).toBe("Error installing 'p': module 'ssl' has no attribute 'wrap_socket', packages may be partially installed");
  });

  it('a wheel fails in zlib with CPython\'s text', async () => {
    const { device, world } = await setup({}, {
      pypi: [{ url: 'https://micropython.org/pi', packages: { w: { releases: { '1.0': [{ content: 'PK\u0003\u0004junk', packagetype: 'bdist_wheel' }] } } } }],
    });
    await micropip(device, world, ['install', '-p', '/x', 'w']);
    expect(device.output.at(-1)).toBe("Error installing 'w': Error -3 while decompressing data: incorrect header check, packages may be partially installed");
  });
});
