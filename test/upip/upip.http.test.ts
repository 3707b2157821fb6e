import { describe, expect, it } from 'vitest';
import { UpipModule } from '../../src/installers/upip.ts';
import { upipCmdline } from '../../src/installers/upipCmdline.ts';
import { setup } from './helpers.ts';

describe("upip's own HTTP code", () => {
  it('sends GET … HTTP/1.0 with Host: host:port and port 443 even for http://', async () => {
    const { device, world } = await setup({}, { http: { 'http://example.org/pi/p/json': '{}' } });
    const upip = new UpipModule(device, world);
    upip.indexUrls = ['http://example.org/pi'];
    await upip.install('p', '/x');
    expect(world.log[0]!.headers).toEqual([['Host', 'example.org:443']]);
    // Port 443 speaks TLS only, so the plain request is reset (see upip.noResponse.test.ts).
    expect(device.output.at(-1)).toBe("Error installing 'p': [Errno 104] ECONNRESET, packages may be partially installed");
  });

  it('a status other than 200/404/301 is ValueError(status bytes)', async () => {
    const { device, world } = await setup({}, { http: { 'https://micropython.org/pi/p/json': { status: 403, body: 'no' } } });
    await new UpipModule(device, world).install('p', '/x');
    expect(device.output.at(-1)).toBe("Error installing 'p': b'403', packages may be partially installed");
  });

  it('a DNS failure is fatal(): "Error: Unable to resolve …", exit 1', async () => {
    const { device, world } = await setup({}, { faults: [{ on: { url: 'https://micropython.org/pi/p/json' }, dnsFailure: true }] });
    const r = await upipCmdline(device, world, ['install', 'p']);
    expect(r.exitCode).toBe(1);
    expect(device.output.at(-1)).toBe('Error: Unable to resolve micropython.org (no Internet?)');
  });
});
