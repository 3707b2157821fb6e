import { mkdir, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { LAUNCHER_FILE } from '../../harness/unix/launcher.ts';
import {
  createRunRoot,
  micropyPath,
  readBack,
  removeRunRoot,
  toDevicePath,
  toHostPath,
  writeDeviceFiles,
} from '../../harness/unix/runRoot.ts';

describe('run roots', () => {
  it('createRunRoot() makes an empty miprig-* dir in the temp dir; removeRunRoot() deletes it, twice is fine', async () => {
    const root = await createRunRoot();
    expect(root).toMatch(/\/miprig-[^/]+$/);
    expect((await stat(root)).isDirectory()).toBe(true);
    await writeDeviceFiles(root, new Map([['/lib/a.py', new Uint8Array([1])]]));
    await removeRunRoot(root);
    await expect(stat(root)).rejects.toThrow();
    await removeRunRoot(root);
  });

  it('removeRunRoot() refuses anything that is not a miprig-* dir under the temp dir', async () => {
    await expect(removeRunRoot(os.homedir())).rejects.toThrow(/refusing to delete/);
    await expect(removeRunRoot('/tmp/miprig-x/../etc')).rejects.toThrow(/refusing to delete/);
  });

  it('readBack() returns every regular file by device path, without the launcher or symlinks', async () => {
    const root = await createRunRoot();
    try {
      await writeDeviceFiles(root, new Map([
        ['/home/.micropython/lib/pkg/__init__.py', new TextEncoder().encode('x = 1\n')],
        ['/lib/b.mpy', new Uint8Array([0x4d, 6])],
      ]));
      await writeFile(`${root}/${LAUNCHER_FILE}`, '# launcher');
      await mkdir(`${root}/empty`);
      await symlink('/etc/passwd', `${root}/lib/link`);
      const files = await readBack(root);
      expect([...files.keys()]).toEqual(['/home/.micropython/lib/pkg/__init__.py', '/lib/b.mpy']);
      expect(files.get('/lib/b.mpy')).toEqual(new Uint8Array([0x4d, 6]));
    } finally {
      await removeRunRoot(root);
    }
  });

  it('maps device paths to host paths and back; relative and ~ entries stay', () => {
    const root = '/tmp/miprig-ab';
    expect(toHostPath(root, '/lib')).toBe('/tmp/miprig-ab/lib');
    expect(toHostPath(root, '/')).toBe(root);
    expect(toHostPath(root, '.frozen')).toBe('.frozen');
    expect(toHostPath(root, '~/.micropython/lib')).toBe('~/.micropython/lib');
    expect(toDevicePath(root, '/tmp/miprig-ab/home/.micropython/lib')).toBe('/home/.micropython/lib');
    expect(toDevicePath(root, root)).toBe('/');
    expect(() => toDevicePath(root, '/tmp/miprig-abc/x')).toThrow(/not under the run root/);
    expect(micropyPath(root)).toBe('.frozen:/tmp/miprig-ab/home/.micropython/lib:/tmp/miprig-ab/usr/lib/micropython');
    expect(micropyPath(root, ['/lib', '.frozen'])).toBe('/tmp/miprig-ab/lib:.frozen');
  });
});
