import { describe, expect, it } from 'vitest';
import { pinnedUpipSpecs } from '../../src/installers/upipPinnedSpec.ts';

describe('pinnedUpipSpecs (a scenario version for upip)', () => {
  it('appends ==version to each spec', () => {
    expect(pinnedUpipSpecs(['micropython-foo'], '1.0')).toEqual(['micropython-foo==1.0']);
    expect(pinnedUpipSpecs(['a', 'b'], '2')).toEqual(['a==2', 'b==2']);
  });

  it('keeps a spec that already pins a version', () => {
    expect(pinnedUpipSpecs(['a==0.9', 'b'], '1.0')).toEqual(['a==0.9', 'b==1.0']);
  });

  it('without a version, returns the specs unchanged (a copy)', () => {
    const specs = ['a', 'b==1'];
    const out = pinnedUpipSpecs(specs);
    expect(out).toEqual(specs);
    expect(out).not.toBe(specs);
  });

  it('checks for "==" only: other version operators are left for upip to fail on', () => {
    expect(pinnedUpipSpecs(['a>=1'], '2')).toEqual(['a>=1==2']);
  });
});
