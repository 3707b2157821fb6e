import { describe, expect, it } from 'vitest';
import { mipInstall } from '../../src/installers/mip.ts';
import { PyException } from '../../src/py/PyException.ts';
import { FakeDevice, FakeNetwork, INDEX, httpResponse, indexPackage } from './fakes.ts';

async function run(device: FakeDevice, net: FakeNetwork, args: Parameters<typeof mipInstall>[2], v = '0.2.0') {
  try {
    await mipInstall(device, net, args, v);
    return 'returned';
  } catch (e) {
    if (e instanceof PyException) return e.line;
    throw e;
  }
}

describe('index install', () => {
  it('fetches the package JSON, then each hashes file, then deps depth-first', async () => {
    const net = new FakeNetwork();
    const main = indexPackage(net, 'pkg', { 'pkg/__init__.mpy': 'a', 'pkg/core.mpy': 'b', 'pkg/util.mpy': 'c' }, { deps: [['dep', '']] });
    const dep = indexPackage(net, 'dep', { 'dep.mpy': 'd' });
    const device = new FakeDevice();
    expect(await run(device, net, { package: 'pkg' })).toBe('returned');
    expect(net.lines()).toEqual([
      `GET ${INDEX}/package/6/pkg/latest.json → 200`,
      ...Object.values(main).map((h) => `GET ${INDEX}/file/${h.slice(0, 2)}/${h} → 200`),
      `GET ${INDEX}/package/6/dep/latest.json → 200`,
      `GET ${INDEX}/file/${dep['dep.mpy']!.slice(0, 2)}/${dep['dep.mpy']} → 200`,
    ]);
    expect(device.output).toEqual([
      `Installing pkg (latest) from ${INDEX} to /lib`,
      'Copying: /lib/pkg/__init__.mpy',
      'Copying: /lib/pkg/core.mpy',
      'Copying: /lib/pkg/util.mpy',
      `Installing dep (latest) from ${INDEX} to /lib`,
      'Copying: /lib/dep.mpy',
      'Done',
    ]);
    expect(device.fs.texts()).toEqual({ '/lib/pkg/__init__.mpy': 'a', '/lib/pkg/core.mpy': 'b', '/lib/pkg/util.mpy': 'c', '/lib/dep.mpy': 'd' });
    expect(device.fs.mkdirCalls).toEqual(['/lib/pkg']);
  });

  it('uses the py tree with mpy=False or without sys.implementation._mpy, and the given version', async () => {
    const net = new FakeNetwork();
    indexPackage(net, 'pkg', { 'pkg.py': 'x' }, { tree: 'py', version: '1.2' });
    const device = new FakeDevice({ mpy: undefined });
    await run(device, net, { package: 'pkg', version: '1.2' });
    expect(net.log[0]!.url).toBe(`${INDEX}/package/py/pkg/1.2.json`);
    expect(device.output[0]).toBe(`Installing pkg (1.2) from ${INDEX} to /lib`);
  });

  it('strips every trailing "/" of a custom index', async () => {
    const net = new FakeNetwork();
    const device = new FakeDevice();
    await run(device, net, { package: 'pkg', index: 'https://h.example/mip//' });
    expect(net.log[0]!.url).toBe('https://h.example/mip/package/6/pkg/latest.json');
  });

  it('skips a file whose sha256 starts with the short hash: Exists:, no request', async () => {
    const net = new FakeNetwork();
    const h = indexPackage(net, 'pkg', { 'pkg.mpy': 'same', 'other.mpy': 'new' });
    const device = new FakeDevice({ files: { '/lib/pkg.mpy': 'same', '/lib/other.mpy': 'old' } });
    await run(device, net, { package: 'pkg' });
    expect(device.output).toEqual([`Installing pkg (latest) from ${INDEX} to /lib`, 'Exists: /lib/pkg.mpy', 'Copying: /lib/other.mpy', 'Done']);
    expect(net.log.map((r) => r.url)).toEqual([`${INDEX}/package/6/pkg/latest.json`, `${INDEX}/file/${h['other.mpy']!.slice(0, 2)}/${h['other.mpy']}`]);
  });

  it('package JSON non-200 → Package not found + partial line', async () => {
    const device = new FakeDevice();
    await run(device, new FakeNetwork(), { package: 'nope' });
    expect(device.output).toEqual([
      `Installing nope (latest) from ${INDEX} to /lib`,
      `Package not found: ${INDEX}/package/6/nope/latest.json`,
      'Package may be partially installed',
    ]);
  });

  it('a 404 on a file stops the package; earlier files stay', async () => {
    const net = new FakeNetwork();
    const h = indexPackage(net, 'pkg', { 'a.mpy': 'a', 'b.mpy': 'b', 'c.mpy': 'c' });
    net.route(`${INDEX}/file/${h['b.mpy']!.slice(0, 2)}/${h['b.mpy']}`, httpResponse(404, 'gone'));
    const device = new FakeDevice();
    await run(device, net, { package: 'pkg' });
    expect(device.output).toEqual([
      `Installing pkg (latest) from ${INDEX} to /lib`,
      'Copying: /lib/a.mpy',
      `Error 404 requesting ${INDEX}/file/${h['b.mpy']!.slice(0, 2)}/${h['b.mpy']}`,
      `File not found: b.mpy ${h['b.mpy']}`,
      'Package may be partially installed',
    ]);
    expect(Object.keys(device.fs.texts())).toEqual(['/lib/a.mpy']);
  });

  it('invalid JSON → ValueError propagates, no final line', async () => {
    const net = new FakeNetwork().ok(`${INDEX}/package/6/pkg/latest.json`, '<html>oops</html>');
    const device = new FakeDevice();
    expect(await run(device, net, { package: 'pkg' })).toBe('ValueError: syntax error in JSON');
    expect(device.output).toEqual([`Installing pkg (latest) from ${INDEX} to /lib`]);
  });

  it('a JSON list at the top level → AttributeError on .get', async () => {
    const net = new FakeNetwork().json(`${INDEX}/package/6/pkg/latest.json`, [['a.py', '12345678']]);
    expect(await run(new FakeDevice(), net, { package: 'pkg' })).toBe("AttributeError: 'list' object has no attribute 'get'");
  });

  it('hashes entries with one or three elements → unpacking ValueError', async () => {
    const one = new FakeNetwork().json(`${INDEX}/package/6/pkg/latest.json`, { hashes: [['a.py']] });
    expect(await run(new FakeDevice(), one, { package: 'pkg' })).toBe('ValueError: need more than 1 values to unpack');
    const three = new FakeNetwork().json(`${INDEX}/package/6/pkg/latest.json`, { hashes: [['a.py', '1234', 6]] });
    expect(await run(new FakeDevice(), three, { package: 'pkg' })).toBe('ValueError: too many values to unpack (expected 2)');
  });

  it('DNS failure propagates as the port OSError', async () => {
    const net = new FakeNetwork();
    net.unresolvable.add('micropython.org');
    expect(await run(new FakeDevice(), net, { package: 'pkg' })).toBe('OSError: [addrinfo error -2]');
  });
});

describe('dependencies', () => {
  it('a diamond re-fetches the shared dependency and prints Exists: the second time', async () => {
    const net = new FakeNetwork();
    indexPackage(net, 'top', {}, { deps: [['left', ''], ['right', '']] });
    indexPackage(net, 'left', { 'left.mpy': 'l' }, { deps: [['base', '']] });
    indexPackage(net, 'right', { 'right.mpy': 'r' }, { deps: [['base', '']] });
    indexPackage(net, 'base', { 'base.mpy': 'b' });
    const device = new FakeDevice();
    await run(device, net, { package: 'top' });
    expect(device.output.filter((l) => l.includes('base'))).toEqual([
      `Installing base (latest) from ${INDEX} to /lib`,
      'Copying: /lib/base.mpy',
      `Installing base (latest) from ${INDEX} to /lib`,
      'Exists: /lib/base.mpy',
    ]);
    expect(net.log.filter((r) => r.url.endsWith('/base/latest.json'))).toHaveLength(2);
    expect(device.output.at(-1)).toBe('Done');
  });

  it('a failing dependency aborts every ancestor', async () => {
    const net = new FakeNetwork();
    indexPackage(net, 'top', {}, { deps: [['missing', ''], ['never', '']] });
    const device = new FakeDevice();
    await run(device, net, { package: 'top' });
    expect(device.output.slice(-2)).toEqual([`Package not found: ${INDEX}/package/6/missing/latest.json`, 'Package may be partially installed']);
    expect(net.log.some((r) => r.url.includes('never'))).toBe(false);
  });

  it('a dependency cycle recurses until RuntimeError: maximum recursion depth exceeded', async () => {
    const net = new FakeNetwork();
    indexPackage(net, 'a', { 'a.mpy': 'a' }, { deps: [['b', '']] });
    indexPackage(net, 'b', {}, { deps: [['a', '']] });
    const device = new FakeDevice();
    expect(await run(device, net, { package: 'a' })).toBe('RuntimeError: maximum recursion depth exceeded');
    const rounds = net.log.filter((r) => r.url.endsWith('latest.json')).length;
    expect(rounds).toBe(113); // measured bare on unix 1.20.0–1.27.0 binaries, three builds each (see mipFeatures.ts)
    expect(device.output.filter((l) => l.startsWith('Installing'))).toHaveLength(114);
    expect(device.output.at(-1)).toMatch(/^Installing /);
  });
});
