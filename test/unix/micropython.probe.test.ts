import { describe, expect, it } from 'vitest';
import { probeBinary } from '../../harness/unix/MicropythonBinary.ts';
import { NEEDS_BINARY, realBinaries } from './realBinaries.ts';

describe.skipIf(realBinaries.length === 0)(`probeBinary on real binaries${NEEDS_BINARY}`, () => {
  it.each(realBinaries.length ? realBinaries : ['(none given)'])('%s: version, mpy ABI, frozen installer and TLS module', async (binary) => {
    const info = await probeBinary(binary);
    expect(info.version).toMatch(/^1\.\d+\.\d+$/);
    expect(info.mpy).not.toBeNull();
    expect((info.mpy as number) & 0xff).toBe(6);
    const [, minor] = info.versionTuple;
    expect(info.installer).toBe(minor >= 20 ? 'mip' : 'upip');
    expect(info.tls).toBe(minor >= 23 ? 'tls' : minor >= 21 ? 'ssl' : 'ussl');
  });
});
