import { describe, expect, it } from 'vitest';
import { get, header, worldOf } from './exchangeHelpers.ts';

const codeberg = {
  codeberg: { 'org/repo': { defaultBranch: 'main', refs: { main: { 'pkg/a.py': 'a = 1' }, 'v2': { 'pkg/a.py': 'a = 2' } } } },
};
const API = 'https://codeberg.org/api/v1/repos/org/repo/raw';

describe('codeberg.org API raw URLs', () => {
  it('serves /api/v1/repos/{org}/{repo}/raw/{path}?ref={ref}', async () => {
    const world = await worldOf(codeberg);
    expect((await get(world, `${API}/pkg/a.py?ref=v2`)).text).toBe('a = 2');
    expect((await get(world, `${API}/pkg/a.py?ref=HEAD`)).text).toBe('a = 1');
    expect((await get(world, `${API}/pkg/a.py`)).text).toBe('a = 1');
  });

  it('answers an unknown file with a JSON 404 and leaves other repos unmatched', async () => {
    const world = await worldOf(codeberg);
    const res = await get(world, `${API}/nope.py?ref=HEAD`);
    expect(res.status).toBe(404);
    expect(header(res, 'Content-Type')).toContain('application/json');
    expect(world.unmatched()).toEqual([]);
    await get(world, 'https://codeberg.org/api/v1/repos/org/other/raw/pkg/a.py?ref=HEAD');
    expect(world.unmatched()).toHaveLength(1);
  });
});
