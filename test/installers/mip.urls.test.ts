import { describe, expect, it } from 'vitest';
import { mipInstall } from '../../src/installers/mip.ts';
import { PyException } from '../../src/py/PyException.ts';
import { FakeDevice, FakeNetwork, INDEX } from './fakes.ts';

const RUNTIME_OF: Record<string, string> = { '0.2.0': '1.22.2', '0.3.0': '1.24.1', '0.4.1': '1.25.0', '0.4.2': '1.27.0', '0.5.0': 'master' };

async function install(net: FakeNetwork, spec: string, mip: string, version?: string) {
  const device = new FakeDevice({ version: RUNTIME_OF[mip]! });
  let error: string | undefined;
  try {
    await mipInstall(device, net, version === undefined ? { package: spec } : { package: spec, version }, mip);
  } catch (e) {
    if (!(e instanceof PyException)) throw e;
    error = e.line;
  }
  return { device, urls: net.log.map((r) => r.url), error };
}

describe('URL spec rewriting per mip version', () => {
  it('github: → raw.githubusercontent.com at HEAD, implicit /package.json (all versions)', async () => {
    for (const mip of Object.keys(RUNTIME_OF)) {
      const { urls, device } = await install(new FakeNetwork(), 'github:org/repo', mip);
      expect(urls[0]).toBe('https://raw.githubusercontent.com/org/repo/HEAD/package.json');
      expect(device.output[0]).toBe('Installing github:org/repo/package.json to /lib');
    }
  });

  it('gitlab: is an index name before 0.3.0, a URL from 0.3.0', async () => {
    expect((await install(new FakeNetwork(), 'gitlab:org/repo', '0.2.0')).urls[0]).toBe(`${INDEX}/package/6/gitlab:org/repo/latest.json`);
    expect((await install(new FakeNetwork(), 'gitlab:org/repo', '0.3.0', 'v1')).urls[0]).toBe('https://gitlab.com/org/repo/-/raw/v1/package.json');
  });

  it('codeberg: only from 0.5.0 (master)', async () => {
    expect((await install(new FakeNetwork(), 'codeberg:org/repo', '0.4.2')).urls[0]).toBe(`${INDEX}/package/6/codeberg:org/repo/latest.json`);
    expect((await install(new FakeNetwork(), 'codeberg:org/repo/sub', '0.5.0', 'v2')).urls[0]).toBe(
      'https://codeberg.org/api/v1/repos/org/repo/raw/sub/package.json?ref=v2',
    );
  });

  it('a github: spec without a repo part → IndexError', async () => {
    expect((await install(new FakeNetwork(), 'github:foo.json', '0.4.2')).error).toBe('IndexError: list index out of range');
  });

  it('a .py spec downloads one file to target/<last segment>', async () => {
    const net = new FakeNetwork().ok('https://raw.githubusercontent.com/o/r/v1/src/x.py', 'x=1');
    const { device, urls } = await install(net, 'github:o/r/src/x.py', '0.2.0', 'v1');
    expect(urls).toEqual(['https://raw.githubusercontent.com/o/r/v1/src/x.py']);
    expect(device.output).toEqual(['Downloading github:o/r/src/x.py to /lib', 'Copying: /lib/x.py', 'Done']);
  });

  it('a failing direct download prints only the Error line', async () => {
    const { device } = await install(new FakeNetwork(), 'https://h.example/x.py', '0.4.2');
    expect(device.output).toEqual(['Downloading https://h.example/x.py to /lib', 'Error 404 requesting https://h.example/x.py', 'Package may be partially installed']);
  });
});

describe('package.json urls', () => {
  it('the package version is applied to every github: url, even of another repo (micropython-lib#677)', async () => {
    const net = new FakeNetwork()
      .json('https://raw.githubusercontent.com/me/pkg/v1.0/package.json', {
        urls: [['pkg.py', 'github:me/pkg/pkg.py'], ['helper.py', 'github:other/lib/helper.py']],
      })
      .ok('https://raw.githubusercontent.com/me/pkg/v1.0/pkg.py', 'p');
    const { urls, device } = await install(net, 'github:me/pkg', '0.4.2', 'v1.0');
    expect(urls).toEqual([
      'https://raw.githubusercontent.com/me/pkg/v1.0/package.json',
      'https://raw.githubusercontent.com/me/pkg/v1.0/pkg.py',
      'https://raw.githubusercontent.com/other/lib/v1.0/helper.py',
    ]);
    expect(device.output.slice(-3)).toEqual([
      'Error 404 requesting https://raw.githubusercontent.com/other/lib/v1.0/helper.py',
      'File not found: helper.py github:other/lib/helper.py',
      'Package may be partially installed',
    ]);
  });

  it('relative urls: 0.2.0/0.3.0 hand them to requests (unpacking ValueError)', async () => {
    for (const mip of ['0.2.0', '0.3.0']) {
      const net = new FakeNetwork().json('https://raw.githubusercontent.com/o/r/HEAD/package.json', { urls: [['x.py', 'x.py']] });
      expect((await install(net, 'github:o/r', mip)).error).toBe('ValueError: need more than 1 values to unpack');
    }
    const deep = new FakeNetwork().json('https://raw.githubusercontent.com/o/r/HEAD/package.json', { urls: [['d.py', 'a/b/c/d.py']] });
    expect((await install(deep, 'github:o/r', '0.2.0')).error).toBe('ValueError: Unsupported protocol: a');
  });

  it('relative urls: 0.4.x joins them to the un-rewritten base, keeping ".." as is', async () => {
    for (const mip of ['0.4.1', '0.4.2', '0.5.0']) {
      const net = new FakeNetwork()
        .json('https://raw.githubusercontent.com/o/r/v2/sub/package.json', { urls: [['x.py', '../x.py'], ['y.py', 'ftp://h/y.py']] })
        .ok('https://raw.githubusercontent.com/o/r/v2/sub/../x.py', 'x');
      const { urls, device } = await install(net, 'github:o/r/sub', mip, 'v2');
      expect(urls).toEqual([
        'https://raw.githubusercontent.com/o/r/v2/sub/package.json',
        'https://raw.githubusercontent.com/o/r/v2/sub/../x.py',
        'https://raw.githubusercontent.com/o/r/v2/sub/ftp://h/y.py',
      ]);
      expect(device.output).toContain('File not found: y.py github:o/r/sub/ftp://h/y.py');
    }
  });

  it('relative urls in an index package are joined to the index package path', async () => {
    const net = new FakeNetwork().json(`${INDEX}/package/6/pkg/latest.json`, { urls: [['x.py', 'x.py']] });
    const { urls } = await install(net, 'pkg', '0.4.2');
    expect(urls[1]).toBe(`${INDEX}/package/6/pkg/x.py`);
  });

  it('a non-str url → AttributeError on startswith', async () => {
    const net = new FakeNetwork().json('https://raw.githubusercontent.com/o/r/HEAD/package.json', { urls: [['x.py', 5]] });
    expect((await install(net, 'github:o/r', '0.4.2')).error).toBe("AttributeError: 'int' object has no attribute 'startswith'");
  });

  it('dep versions: a numeric version breaks the concat of 0.4.x but is formatted by 0.5.0', async () => {
    const pj = { deps: [['github:o/dep', 1.5]] };
    const old = new FakeNetwork().json('https://raw.githubusercontent.com/o/r/HEAD/package.json', pj);
    expect((await install(old, 'github:o/r', '0.4.2')).error).toBe("TypeError: can't convert 'float' object to str implicitly");
    const master = new FakeNetwork().json('https://raw.githubusercontent.com/o/r/HEAD/package.json', pj);
    expect((await install(master, 'github:o/r', '0.5.0')).urls[1]).toBe('https://raw.githubusercontent.com/o/dep/1.5/package.json');
  });
});
