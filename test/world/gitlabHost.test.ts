import { describe, expect, it } from 'vitest';
import { get, worldOf } from './exchangeHelpers.ts';

const gitlab = {
  gitlab: { 'org/repo': { defaultBranch: 'master', refs: { master: { 'pkg/a.py': 'a = 1' }, 'v2': { 'pkg/a.py': 'a = 2' } } } },
};

describe('gitlab.com raw URLs', () => {
  it('serves /{org}/{repo}/-/raw/{ref}/{path}, HEAD = default branch', async () => {
    const world = await worldOf(gitlab);
    expect((await get(world, 'https://gitlab.com/org/repo/-/raw/HEAD/pkg/a.py')).text).toBe('a = 1');
    expect((await get(world, 'https://gitlab.com/org/repo/-/raw/v2/pkg/a.py')).text).toBe('a = 2');
  });

  it('answers an unknown file with a 404 and leaves other repos unmatched', async () => {
    const world = await worldOf(gitlab);
    expect((await get(world, 'https://gitlab.com/org/repo/-/raw/HEAD/nope.py')).status).toBe(404);
    expect(world.unmatched()).toEqual([]);
    await get(world, 'https://gitlab.com/org/other/-/raw/HEAD/pkg/a.py');
    expect(world.unmatched()).toHaveLength(1);
  });

  it('does not serve the GitHub layout', async () => {
    const world = await worldOf(gitlab);
    expect((await get(world, 'https://gitlab.com/org/repo/HEAD/pkg/a.py')).status).toBe(404);
  });
});
