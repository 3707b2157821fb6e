import { describe, expect, it } from 'vitest';
import { applySyspathEdit, applySyspathStep } from '../../src/device/syspathEdits.ts';
import { makeDevice } from './makeDevice.ts';

const base = (): string[] => ['', '.frozen', '/lib'];

// sys.path is assignable from v1.21.0 (py/modsys.c); texts verified on unix 1.19.1–1.27.0.
describe('sys.path edits: rebinding only from 1.21, in-place mutation always', () => {
  it('set: rebinding is an AttributeError on ≤1.20, allowed on 1.21+', () => {
    const p = base();
    expect(applySyspathStep(p, { set: ['/x'] }, '1.20.0')?.line).toBe("AttributeError: 'module' object has no attribute 'path'");
    expect(p).toEqual(base());
    expect(applySyspathStep(p, { set: ['/x'] }, '1.21.0')).toBeNull();
    expect(p).toEqual(['/x']);
  });
  it('remove of a missing entry: ValueError: object not in sequence', () => {
    const p = base();
    expect(applySyspathStep(p, { remove: '/nope' }, '1.27.0')?.line).toBe('ValueError: object not in sequence');
    expect(applySyspathStep(p, { remove: '.frozen' }, '1.27.0')).toBeNull();
    expect(p).toEqual(['', '/lib']);
  });
  it('append and insert (list.insert: negative counts from the end, out of range clamps)', () => {
    const p = base();
    applySyspathStep(p, { append: '/a' }, '1.19.1');
    applySyspathStep(p, { insert: { index: 0, entry: '/first' } }, '1.19.1');
    applySyspathStep(p, { insert: { index: -1, entry: '/beforeLast' } }, '1.19.1');
    applySyspathStep(p, { insert: { index: 99, entry: '/end' } }, '1.19.1');
    expect(p).toEqual(['/first', '', '.frozen', '/lib', '/beforeLast', '/a', '/end']);
  });
  it('move: after, before, toEnd; a missing anchor is the ValueError index() raises', () => {
    const p = base();
    applySyspathStep(p, { move: { entry: '.frozen', after: '/lib' } }, '1.22.2');
    expect(p).toEqual(['', '/lib', '.frozen']);
    applySyspathStep(p, { move: { entry: '.frozen', before: '' } }, '1.22.2');
    expect(p).toEqual(['.frozen', '', '/lib']);
    applySyspathStep(p, { move: { entry: '.frozen', toEnd: true } }, '1.22.2');
    expect(p).toEqual(['', '/lib', '.frozen']);
    expect(applySyspathStep(p, { move: { entry: '/lib', after: '/gone' } }, '1.22.2')?.line).toBe('ValueError: object not in sequence');
    expect(applySyspathStep(p, { move: { entry: '/gone', toEnd: true } }, '1.22.2')?.line).toBe('ValueError: object not in sequence');
  });
  it('a move needs exactly one anchor (a scenario error, thrown)', () => {
    expect(() => applySyspathStep(base(), { move: { entry: '/lib' } }, '1.22.2')).toThrow(/exactly one/);
  });
  it('applySyspathEdit edits the device path in place, and imports see it', () => {
    const dev = makeDevice({ port: 'esp32', version: '1.22.2' });
    expect(applySyspathEdit(dev, { remove: '.frozen' })).toBeNull();
    expect(dev.sysPath).toEqual(['', '/lib']);
    expect(dev.importModule('mip').origin).toEqual({ kind: 'error', line: "ImportError: no module named 'mip'" });
  });
});
