// Regression: `miprig inspect` used its own copy of upip's install_tar loop, which assumed every
// write succeeds. For a tar that has a requires.txt and then a file under a path an earlier member
// wrote as a file, it said "installs, deps: q" while the installer raised ENOTDIR and queued
// nothing. Both now run the one loop, so they report the same thing.
import * as pako from 'pako';
import { describe, expect, it } from 'vitest';
import { packTar } from '../../src/archive/buildSdist.ts';
import { inspectPackage } from '../../src/installers/inspectPackage.ts';
import { UpipModule } from '../../src/installers/upip.ts';
import { setup } from '../upip/helpers.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

async function tgzOf(members: { name: string; data: Uint8Array }[]): Promise<Uint8Array> {
  return pako.gzip(await packTar(members), { windowBits: 12 });
}

/** The installer: `upip.install('p', '/x')` on a 1.19.1 unix device, downloading `tgz`. */
async function installerRun(tgz: Uint8Array): Promise<{ device: Awaited<ReturnType<typeof setup>>['device']; jsonRequests: string[] }> {
  const release = { content: { base64: Buffer.from(tgz).toString('base64') } };
  const { device, world } = await setup({}, {
    pypi: [{ url: 'https://micropython.org/pi', packages: { p: { releases: { '1.0': [release] } }, q: { releases: {} } } }],
    strict: false,
  });
  await new UpipModule(device, world).install('p', '/x');
  return { device, jsonRequests: world.log.filter((r) => r.url.endsWith('/json')).map((r) => r.url.split('/')[4]!) };
}

describe('inspect and the upip installer agree (one install_tar loop)', () => {
  it('requires.txt, then a file crossing an earlier file: ENOTDIR, no deps queued, by both', async () => {
    const tgz = await tgzOf([
      { name: 'p-1.0/p.egg-info/requires.txt', data: bytes('q\n') },
      { name: 'p-1.0/a', data: bytes('file') },
      { name: 'p-1.0/a/b.py', data: bytes('B') },
    ]);
    const verdict = inspectPackage(tgz).upip.largeHeap;
    const { device, jsonRequests } = await installerRun(tgz);

    expect(device.output.at(-1)).toBe("Error installing 'p': [Errno 20] ENOTDIR, packages may be partially installed");
    expect(jsonRequests).toEqual(['p']); // q never queued
    expect(verdict).toMatchObject({ succeeds: false, errorText: '[Errno 20] ENOTDIR', deps: [] });
    // The files inspect says are left are the files the installer left.
    const left = [...device.fs.snapshot().keys()].filter((p) => p.startsWith('/x/')).map((p) => p.slice(3));
    expect(verdict.extracted.map((f) => f.path)).toEqual(left);
  });

  it('a clean tar: both install the files and queue requires.txt as it is', async () => {
    const tgz = await tgzOf([
      { name: 'p-1.0/p.egg-info/requires.txt', data: bytes('q\n') },
      { name: 'p-1.0/p.py', data: bytes('P') },
      { name: 'p-1.0/pkg/README', data: bytes('kept: only a top-level README is skipped') },
    ]);
    const verdict = inspectPackage(tgz).upip.largeHeap;
    const { device, jsonRequests } = await installerRun(tgz);

    expect(verdict).toMatchObject({ succeeds: true, deps: ['q'] });
    expect(jsonRequests).toEqual(['p', 'q']);
    const left = [...device.fs.snapshot().keys()].filter((p) => p.startsWith('/x/')).map((p) => p.slice(3));
    expect(verdict.extracted.map((f) => f.path).sort()).toEqual(left);
  });
});
