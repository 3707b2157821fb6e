// `install: { installer: mip-cmdline, command: [...] }` gives the whole argv after `-m mip`
// (`mip list`, no command): only for the argv forms, and instead of spec and its options.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';
import { mipArgv, upipArgv } from '../../src/installers/installArgv.ts';
import type { InstallStep } from '../../src/scenario/schema.ts';

const step = (install: string): string => `name: s\nsteps:\n  - install: ${install}\n`;
const problem = (install: string): string => {
  try {
    parseScenario(step(install), 's.yaml');
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
};

describe('install step: command', () => {
  it('is the argv the argv forms run, whole', () => {
    const spec = parseScenario(step('{ installer: mip-cmdline, command: [list] }'), 's.yaml').spec;
    expect(mipArgv((spec.steps[0] as { install: InstallStep }).install)).toEqual(['list']);
    const none = parseScenario(step('{ installer: upip-cmdline, command: [] }'), 's.yaml').spec;
    expect(upipArgv((none.steps[0] as { install: InstallStep }).install)).toEqual([]);
  });

  it('needs an argv form', () => {
    expect(problem('{ installer: mip, command: [list] }')).toMatch(/steps\[0\]\.install\.command: command is the argv of mip-cmdline, upip-cmdline, micropip/);
  });

  it('replaces spec and the options that build an argv', () => {
    expect(problem('{ installer: mip-cmdline, spec: x, target: /lib, command: [list] }')).toMatch(/command gives the whole argv; drop spec, target/);
  });

  it('without it, spec is still required', () => {
    expect(problem('{ installer: mip-cmdline }')).toMatch(/steps\[0\]\.install\.spec: an install step needs a spec/);
  });
});
