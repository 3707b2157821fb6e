import { describe, expect, it } from 'vitest';
import { get, getRequest, header, parseEncoded, worldOf } from './exchangeHelpers.ts';

const repo = {
  github: {
    'org/repo': {
      defaultBranch: 'main',
      refs: {
        main: { 'package.json': '{"urls":[]}', 'sub/x.py': 'x = "main"' },
        'v1.0': { 'sub/x.py': 'x = "v1"' },
        'feature/y': { 'sub/x.py': 'x = "feature"' },
      },
    },
  },
};

describe('raw.githubusercontent.com', () => {
  it('serves HEAD from the default branch', async () => {
    const world = await worldOf(repo);
    const res = await get(world, 'https://raw.githubusercontent.com/org/repo/HEAD/sub/x.py');
    expect(res.status).toBe(200);
    expect(header(res, 'Content-Type')).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe('x = "main"');
  });

  it('serves a named ref, including refs with a slash and refs/heads/ prefixes', async () => {
    const world = await worldOf(repo);
    expect((await get(world, 'https://raw.githubusercontent.com/org/repo/v1.0/sub/x.py')).text).toBe('x = "v1"');
    expect((await get(world, 'https://raw.githubusercontent.com/org/repo/feature/y/sub/x.py')).text).toBe('x = "feature"');
    expect((await get(world, 'https://raw.githubusercontent.com/org/repo/refs/heads/main/sub/x.py')).text).toBe('x = "main"');
  });

  it('answers an unknown file or ref of a declared repo with GitHub\'s 404 body', async () => {
    const world = await worldOf(repo);
    for (const url of ['https://raw.githubusercontent.com/org/repo/HEAD/nope.py', 'https://raw.githubusercontent.com/org/repo/v9/sub/x.py']) {
      const res = await get(world, url);
      expect(res.status).toBe(404);
      expect(res.text).toBe('404: Not Found');
    }
    expect(world.unmatched()).toEqual([]);
  });

  it('answers a path with ".." with a relative redirect to the normalised path', async () => {
    const world = await worldOf(repo);
    const res = await get(world, 'https://raw.githubusercontent.com/org/repo/HEAD/sub/../package.json');
    expect(res.statusLine).toBe('HTTP/1.1 301 Moved Permanently');
    expect(header(res, 'Location')).toBe('/org/repo/HEAD/package.json');
    expect(res.body.length).toBe(0);
    expect(world.log[0]!.url).toBe('https://raw.githubusercontent.com/org/repo/HEAD/sub/../package.json');
  });

  it('leaves an undeclared repo unmatched', async () => {
    const world = await worldOf(repo);
    const res = await get(world, 'https://raw.githubusercontent.com/org/other/HEAD/x.py');
    expect(res.status).toBe(404);
    expect(res.text).toContain('not declared');
    expect(world.unmatched().map((r) => r.url)).toEqual(['https://raw.githubusercontent.com/org/other/HEAD/x.py']);
  });
});

describe('github.com pages', () => {
  it('serves the repository page and blob pages as HTML', async () => {
    const world = await worldOf(repo);
    const page = await get(world, 'https://github.com/org/repo');
    expect(page.status).toBe(200);
    expect(header(page, 'Content-Type')).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<html');
    expect((await get(world, 'https://github.com/org/repo/blob/main/sub/x.py')).status).toBe(200);
    expect((await get(world, 'https://github.com/org/repo/blob/main/nope.py')).status).toBe(404);
  });

  it('redirects /raw/ with an absolute Location to raw.githubusercontent.com', async () => {
    const world = await worldOf(repo);
    const res = await get(world, 'https://github.com/org/repo/raw/v1.0/sub/x.py');
    expect(res.statusLine).toBe('HTTP/1.1 302 Found');
    expect(header(res, 'Location')).toBe('https://raw.githubusercontent.com/org/repo/v1.0/sub/x.py');
  });

  it('records the request headers as sent', async () => {
    const world = await worldOf(repo);
    const req = getRequest('https://github.com/org/repo');
    parseEncoded(await world.exchange(req));
    expect(world.log[0]!.headers).toEqual([
      ['Host', 'github.com'],
      ['Connection', 'close'],
    ]);
  });
});
