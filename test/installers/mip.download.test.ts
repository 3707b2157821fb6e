import { describe, expect, it } from 'vitest';
import { mipInstall } from '../../src/installers/mip.ts';
import { HangError } from '../../src/net/httpClient.ts';
import { FakeDevice, FakeNetwork, INDEX, bytes, httpResponse } from './fakes.ts';

const PJ = `${INDEX}/package/6/pkg/latest.json`;
const FILE = `${INDEX}/file/12/12345678`;

function world(file: Uint8Array | { bytes: Uint8Array; end: 'close' | 'hang' }): FakeNetwork {
  return new FakeNetwork().json(PJ, { hashes: [['pkg.py', '12345678']] }).route(FILE, file);
}

describe('downloading a file', () => {
  it('a truncated body (Content-Length ignored) writes a short file and still prints Done', async () => {
    const net = world(bytes('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this'));
    const device = new FakeDevice();
    await mipInstall(device, net, { package: 'pkg' }, '0.4.2');
    expect(device.fs.texts()['/lib/pkg.py']).toBe('only this');
    expect(device.output.at(-1)).toBe('Done');
  });

  it('writes in 128-byte chunks', async () => {
    const net = world(httpResponse(200, 'x'.repeat(300)));
    const device = new FakeDevice();
    await mipInstall(device, net, { package: 'pkg' }, '0.2.0');
    expect(device.fs.writes.map((w) => w.size)).toEqual([128, 128, 44]);
  });

  it('a write failing mid-file leaves the chunks already written', async () => {
    const net = world(httpResponse(200, 'y'.repeat(300)));
    const device = new FakeDevice();
    device.fs.capacity = 200;
    await expect(mipInstall(device, net, { package: 'pkg' }, '0.4.2')).rejects.toMatchObject({ line: 'OSError: [Errno 28] ENOSPC' });
    expect(device.fs.texts()['/lib/pkg.py']).toBe('y'.repeat(128));
  });

  // Seen on the real 1.20–1.27 binaries (scenario "a server that never closes the connection"):
  // a blocking readinto(128) waits for a full chunk, so only whole chunks reach the file.
  it('a connection that never closes: whole 128-byte chunks are written, then the client blocks', async () => {
    const net = world({ bytes: httpResponse(200, 'z'.repeat(130)), end: 'hang' });
    const device = new FakeDevice();
    await expect(mipInstall(device, net, { package: 'pkg' }, '0.4.2')).rejects.toBeInstanceOf(HangError);
    expect(device.fs.texts()['/lib/pkg.py']).toBe('z'.repeat(128));
    expect(device.output.at(-1)).toBe('Copying: /lib/pkg.py');
  });

  it('chunked framing is rejected before anything is printed for the file', async () => {
    const net = world(bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'));
    const device = new FakeDevice();
    await expect(mipInstall(device, net, { package: 'pkg' }, '0.4.2')).rejects.toMatchObject({
      line: 'ValueError: Unsupported Transfer-Encoding: chunked\r\n',
    });
    expect(device.output).toEqual([`Installing pkg (latest) from ${INDEX} to /lib`]);
  });

  it('a lower-case location on a 302 is not followed: Error 302 requesting', async () => {
    const net = world(httpResponse(302, '', { headers: [['location', 'https://elsewhere.example/f']] }));
    const device = new FakeDevice({ version: '1.27.0' });
    await mipInstall(device, net, { package: 'pkg' }, '0.4.2');
    expect(device.output.slice(1)).toEqual([`Error 302 requesting ${FILE}`, 'File not found: pkg.py 12345678', 'Package may be partially installed']);
  });

  it('a relative Location fails inside requests on released versions', async () => {
    const net = world(httpResponse(302, '', { headers: [['Location', '/o/r/b/x.py']] }));
    await expect(mipInstall(new FakeDevice({ version: '1.27.0' }), net, { package: 'pkg' }, '0.4.2')).rejects.toMatchObject({
      line: 'ValueError: Unsupported protocol: ',
    });
  });
});
