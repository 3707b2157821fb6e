import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import type { FakeAnswer } from './fakeNetwork.ts';

export const PKG_SOURCE = 'X = 1\n';

/** A one-file mip index package `pkg` (v2 index layout, mpy ABI 6), optionally with extra `urls`. */
export function mipPackage(urls: Array<[string, string]> = []): Record<string, FakeAnswer> {
  const latest = { hashes: urls.length ? [] : [['pkg.py', 'abcdef12']], urls, version: '1.0' };
  return {
    'https://micropython.org/pi/v2/package/6/pkg/latest.json': { body: JSON.stringify(latest) },
    'https://micropython.org/pi/v2/file/ab/abcdef12': { body: PKG_SOURCE },
  };
}

/** A one-release upip package `pkg` on the old micropython.org index, the tarball holding `members`. */
export async function upipPackage(members: Record<string, string>): Promise<Record<string, FakeAnswer>> {
  const pack = tar.pack();
  for (const [name, text] of Object.entries(members)) pack.entry({ name }, text);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  const tgz = new Uint8Array(gzipSync(Buffer.concat(chunks)));
  const json = { info: { version: '1.0' }, releases: { '1.0': [{ url: 'https://micropython.org/pi/pkg/pkg-1.0.tar.gz' }] } };
  return {
    'https://micropython.org/pi/pkg/json': { body: JSON.stringify(json) },
    'https://micropython.org/pi/pkg/pkg-1.0.tar.gz': { body: tgz },
  };
}
