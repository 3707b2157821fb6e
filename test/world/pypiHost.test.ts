import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { get, worldOf } from './exchangeHelpers.ts';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('PyPI-style JSON API', () => {
  const section = {
    pypi: [
      {
        url: 'https://pypi.org/pypi',
        packages: {
          'micropython-foo': {
            releases: {
              '0.9': [{ content: 'old' }],
              '1.0': [{ content: 'tarball' }],
            },
          },
          own: { version: '1', releases: { '1': [{ content: 'x', url: 'https://example.org/own-1.tar.gz', filename: 'own-1.tar.gz' }] } },
        },
      },
    ],
  };

  it('serves {url}/{name}/json with info and releases, defaulting info.version to the highest', async () => {
    const world = await worldOf(section);
    const res = await get(world, 'https://pypi.org/pypi/micropython-foo/json');
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.text);
    expect(doc.info).toEqual({ name: 'micropython-foo', version: '1.0' });
    const h = sha('tarball');
    expect(doc.releases['1.0']).toEqual([
      {
        url: `https://files.pythonhosted.org/packages/${h.slice(0, 2)}/${h.slice(2, 4)}/${h.slice(4)}/micropython-foo-1.0.tar.gz`,
        filename: 'micropython-foo-1.0.tar.gz',
        packagetype: 'sdist',
        size: 7,
        digests: { md5: createHash('md5').update('tarball').digest('hex'), sha256: h },
      },
    ]);
  });

  it('serves release files from the files host, or from their own url', async () => {
    const world = await worldOf(section);
    const doc = JSON.parse((await get(world, 'https://pypi.org/pypi/micropython-foo/json')).text);
    expect((await get(world, doc.releases['0.9'][0].url)).text).toBe('old');
    expect((await get(world, 'https://example.org/own-1.tar.gz')).text).toBe('x');
    expect(world.unmatched()).toEqual([]);
  });

  it('answers an unknown name with 404', async () => {
    const world = await worldOf(section);
    const res = await get(world, 'https://pypi.org/pypi/nope/json');
    expect(res.status).toBe(404);
    expect(world.unmatched()).toEqual([]);
  });
});
