import { describe, expect, it } from 'vitest';
import { makeDevice } from './makeDevice.ts';
import { PyException } from '../../src/py/PyException.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The traceback line a call raises (MicroPython text), or 'ok'. */
function raised(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof PyException) return e.line;
    throw e;
  }
}

describe('DeviceFs errors with MicroPython texts (verified on unix 1.19–1.27: OSError 2/17/20/21)', () => {
  const d = () => makeDevice({ port: 'esp32' }, { '/lib/a.py': 'A', '/boot.py': '' });

  it('os.stat of a missing path is ENOENT; through a file it is ENOTDIR', () => {
    const dev = d();
    expect(raised(() => dev.fs.stat('/nope'))).toBe('OSError: [Errno 2] ENOENT');
    expect(raised(() => dev.fs.stat('/boot.py/x'))).toBe('OSError: [Errno 20] ENOTDIR');
    expect(dev.fs.stat('/lib')).toEqual({ isDir: true, size: 0 });
    expect(dev.fs.stat('/lib/a.py')).toEqual({ isDir: false, size: 1 });
  });

  it('mkdir: EEXIST for an existing path, ENOENT for a missing parent', () => {
    const dev = d();
    expect(raised(() => dev.fs.mkdir('/lib'))).toBe('OSError: [Errno 17] EEXIST');
    expect(raised(() => dev.fs.mkdir('/x/y'))).toBe('OSError: [Errno 2] ENOENT');
    dev.fs.mkdir('/x');
    expect(dev.fs.stat('/x').isDir).toBe(true);
  });

  it('open for write: EISDIR on a directory, ENOENT without the parent', () => {
    const dev = d();
    expect(raised(() => dev.fs.openWrite('/lib'))).toBe('OSError: [Errno 21] EISDIR');
    expect(raised(() => dev.fs.openWrite('/nodir/f.py'))).toBe('OSError: [Errno 2] ENOENT');
  });

  // A tar member named after its directory (`lib/`) reaches open(name, "wb"): it used to create a file.
  it('open for write of a name ending in /: EISDIR whether it is a directory, a file or missing', () => {
    const dev = d();
    for (const path of ['/lib/', '/boot.py/', '/missing/']) expect(raised(() => dev.fs.openWrite(path)), path).toBe('OSError: [Errno 21] EISDIR');
    expect(dev.fs.snapshot().has('/missing')).toBe(false);
  });

  it('bytes land as written: a file abandoned mid-way stays partial', () => {
    const dev = d();
    const f = dev.fs.openWrite('/lib/b.py');
    f.write(bytes('abc'));
    expect(text(dev.fs.readFile('/lib/b.py'))).toBe('abc');
    f.write(bytes('def'));
    expect(text(dev.fs.readFile('/lib/b.py'))).toBe('abcdef');
  });

  it('opening an existing file for write truncates it at once', () => {
    const dev = d();
    dev.fs.openWrite('/lib/a.py');
    expect(dev.fs.readFile('/lib/a.py').length).toBe(0);
  });

  it('snapshot lists every regular file, sorted by path', () => {
    const dev = d();
    dev.fs.mkdir('/empty');
    expect([...dev.fs.snapshot().keys()]).toEqual(['/boot.py', '/lib/a.py']);
  });
});

describe('relative paths, `..` and `//` (POSIX semantics)', () => {
  it('relative paths resolve against cwd (/flash on stm32)', () => {
    const dev = makeDevice({ port: 'stm32' }, { '/flash/lib/m.py': 'M' });
    expect(dev.fs.stat('lib/m.py').size).toBe(1);
    expect(dev.fs.stat('lib//./m.py').size).toBe(1);
    expect(dev.fs.stat('../flash/lib/m.py').size).toBe(1);
  });
  it('`..` stops at the root', () => {
    const dev = makeDevice({ port: 'esp32' }, { '/a.py': '' });
    expect(dev.fs.stat('/../../a.py').isDir).toBe(false);
  });
});

describe('read-only and ROM mounts', () => {
  const mounts = [
    { path: '/ro', kind: 'lfs', readOnly: true },
    { path: '/rom', kind: 'rom' },
  ];
  const d = () => makeDevice({ port: 'rp2', version: '1.25.0', mounts }, { '/ro/x.py': 'x', '/rom/lib/y.py': 'y' });

  it('writes and mkdir into a read-only mount raise EROFS', () => {
    const dev = d();
    expect(raised(() => dev.fs.openWrite('/ro/new.py'))).toBe('OSError: [Errno 30] EROFS');
    expect(raised(() => dev.fs.mkdir('/ro/sub'))).toBe('OSError: [Errno 30] EROFS');
    expect(raised(() => dev.fs.mkdir('/ro'))).toBe('OSError: [Errno 30] EROFS');
  });

  it("VfsRom has no mkdir: AttributeError before any other check (what mip < 0.4.1 hits on /rom/lib)", () => {
    const dev = d();
    expect(raised(() => dev.fs.mkdir('/rom/lib/pkg'))).toBe("AttributeError: 'VfsRom' object has no attribute 'mkdir'");
    expect(raised(() => dev.fs.mkdir('/rom/lib'))).toBe("AttributeError: 'VfsRom' object has no attribute 'mkdir'");
  });

  it('opening a VfsRom file for write raises EROFS (extmod/vfs_rom_file.c)', () => {
    const dev = d();
    expect(raised(() => dev.fs.openWrite('/rom/lib/y.py'))).toBe('OSError: [Errno 30] EROFS');
  });

  it('mount contents are readable and listed; writes beside the mounts work', () => {
    const dev = d();
    expect(text(dev.fs.readFile('/rom/lib/y.py'))).toBe('y');
    dev.fs.mkdir('/lib2');
    dev.fs.writeFile('/lib2/z.py', bytes('z'));
    expect([...dev.fs.snapshot().keys()]).toEqual(['/lib2/z.py', '/ro/x.py', '/rom/lib/y.py']);
  });
});

describe('path escapes on the unix port (writes outside HOME, cwd tree, /usr/lib/micropython, mounts)', () => {
  it('HOME and /usr/lib exist at boot, as on any unix machine', () => {
    const dev = makeDevice({ port: 'unix' });
    expect(dev.fs.stat('/home').isDir).toBe(true);
    expect(dev.fs.stat('/usr/lib').isDir).toBe(true);
  });

  it('absolute writes anywhere on the device are not escapes (a real binary\'s run root maps them all); a climb above / is, and still lands', () => {
    const dev = makeDevice({ port: 'unix' });
    dev.fs.mkdir('/home/.micropython');
    dev.fs.mkdir('/home/.micropython/lib');
    dev.fs.writeFile('/home/.micropython/lib/ok.py', bytes(''));
    dev.fs.mkdir('/etc');
    dev.fs.writeFile('/etc/evil', bytes('x'));
    expect(dev.escapes).toEqual([]);
    dev.fs.writeFile('/home/../../etc/other', bytes('x'));
    expect(dev.escapes).toEqual(['/home/../../etc/other']);
    expect(dev.fs.stat('/etc/other').size).toBe(1);
  });

  it('relative writes inside the cwd tree are fine; climbing above / is an escape', () => {
    const dev = makeDevice({ port: 'unix' });
    dev.fs.mkdir('lib');
    dev.fs.writeFile('lib/a.py', bytes(''));
    expect(dev.escapes).toEqual([]);
    dev.fs.writeFile('../../x.py', bytes(''));
    expect(dev.escapes).toEqual(['../../x.py']);
  });

  it('bare-metal ports have no host to escape to', () => {
    const dev = makeDevice({ port: 'esp32' });
    dev.fs.mkdir('/etc');
    expect(dev.escapes).toEqual([]);
  });
});
