import { describe, expect, it } from 'vitest';
import { resolveExpectations } from '../../harness/checks/resolveExpectations.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';

const spec = parseScenario(
  `name: build-dependent outcome
device: { port: unix, version: 1.24.1 }
world: {}
steps: [{ import: x }]
expect: { outcome: done }
variants:
  - when: { runtime: ">=1.24 <1.25", tlsHeap: ">=16K" }
    expect: { outcome: { exception: "MemoryError: memory allocation failed, allocating 40048 bytes" } }
  - when: { runtime: ">=1.24 <1.25" }
    expect: { outcome: { exception: "RuntimeError: maximum recursion depth exceeded" } }
`,
  'variants.yaml',
).spec;

describe('variants chosen by the build that ran (`when: { tlsHeap }`)', () => {
  it('a build keeping ≥16 KiB per TLS connection takes the MemoryError variant', () => {
    expect(resolveExpectations(spec, { backend: 'unix:1.24.1[system mbedTLS]', kind: 'real', runtime: '1.24.1', installer: '0.3.0', tlsHeap: 40928 }).outcome).toEqual({
      exception: 'MemoryError: memory allocation failed, allocating 40048 bytes',
    });
  });
  it('an upstream build (3 424 B) falls through to the next variant', () => {
    expect(resolveExpectations(spec, { backend: 'unix:1.24.1', kind: 'real', runtime: '1.24.1', installer: '0.3.0', tlsHeap: 3424 }).outcome).toEqual({
      exception: 'RuntimeError: maximum recursion depth exceeded',
    });
  });
  it('an unknown TLS figure never matches a tlsHeap variant', () => {
    expect(resolveExpectations(spec, { backend: 'x', kind: 'model', runtime: '1.24.1', installer: '0.3.0' }).outcome).toEqual({ exception: 'RuntimeError: maximum recursion depth exceeded' });
  });
});
