import { describe, expect, it } from 'vitest';
import { upipDepsFromRequires, upipIsRequiresFile, upipSkips, upipStripTopDir } from '../../src/archive/upipTarRules.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('upip install_tar rules', () => {
  it('strips the top directory, skips metadata, parses requires.txt', () => {
    expect(upipStripTopDir('p-1/a/b.py')).toBe('a/b.py');
    expect(upipStripTopDir('nodir')).toBe('');
    expect(['setup.py', 'setup.cfg', 'PKG-INFO', 'README.rst', 'p.egg-info/x', 'x/.egg-info'].every(upipSkips)).toBe(true);
    expect(['a.py', 'docs/README', 'setuptools.py'].some(upipSkips)).toBe(false);
    expect(upipDepsFromRequires(bytes('a\n\n[x]\nb==1\n\n'))).toEqual(['a', '', '[x]', 'b==1']);
    expect(upipDepsFromRequires(bytes(' \n'))).toEqual([]);
  });

  it('requires.txt counts only inside a skipped member, below a directory', () => {
    expect(upipIsRequiresFile('p.egg-info/requires.txt')).toBe(true);
    expect(upipIsRequiresFile('setup.d/requires.txt')).toBe(true); // skipped as setup.*
    expect(upipIsRequiresFile('requires.txt')).toBe(false); // extracted, not read
    expect(upipIsRequiresFile('pkg/requires.txt')).toBe(false);
    expect(upipIsRequiresFile('p.egg-info')).toBe(false);
  });

  it('invalid UTF-8 in requires.txt is a UnicodeError, as bytes.decode raises', () => {
    expect(() => upipDepsFromRequires(new Uint8Array([0x61, 0xff]))).toThrow(expect.objectContaining({ type: 'UnicodeError' }));
  });
});
