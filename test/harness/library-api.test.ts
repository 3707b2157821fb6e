// The library API as a vitest user calls it: runScenario with an inline object, and the matchers.
import { describe, expect, it } from 'vitest';
import { runScenario, ScenarioError, type ScenarioObject } from '../../harness/index.ts';
import { miprigMatchers } from '../../harness/vitest.ts';

expect.extend(miprigMatchers);

const scenario: ScenarioObject = {
  name: 'mypkg on esp32',
  device: { port: 'esp32', version: '1.22.2' },
  world: {
    github: {
      'me/mypkg': { refs: { main: { 'package.json': { json: { urls: [['mypkg.py', 'github:me/mypkg/mypkg.py']] } }, 'mypkg.py': 'VERSION = 1\n' } } },
    },
  },
  steps: [{ install: 'github:me/mypkg' }, { import: ['mypkg', 'nosuch'] }],
};

describe('runScenario and the matchers', () => {
  it('runs an inline scenario on the virtual device', async () => {
    const run = await runScenario(scenario);
    expect(run).toPass();
    expect(run).toHaveInstalled('/lib/mypkg.py', 'VERSION = 1\n');
    expect(run).toImportFrom('mypkg', '/lib/mypkg.py');
    expect(run).toImportFrom('nosuch', "ImportError: no module named 'nosuch'");
    expect(run).toHaveRequested('https://raw.githubusercontent.com/me/mypkg/HEAD/package.json', 200);
  });

  it('the matchers fail with a message that says what was there instead', async () => {
    const run = await runScenario(scenario);
    expect(() => expect(run).toHaveInstalled('/lib/other.py')).toThrow(/it has: \/lib\/mypkg\.py/);
    expect(() => expect(run).toImportFrom('mypkg', 'frozen')).toThrow('expected import mypkg from frozen, got /lib/mypkg.py');
    expect(() => expect(run).toHaveRequested('https://example.com/x')).toThrow(/requests were:\n {2}GET https:\/\/raw\.githubusercontent\.com/);
  });

  it('an invalid inline scenario throws the same one-line ScenarioError as a file', async () => {
    await expect(runScenario({ ...scenario, device: { port: 'esp33', version: '1.22.2' } } as unknown as ScenarioObject)).rejects.toThrow(ScenarioError);
    await expect(runScenario({ ...scenario, device: { port: 'esp33', version: '1.22.2' } } as unknown as ScenarioObject)).rejects.toThrow(/^<inline>:\d+: device\.port: /);
  });
});
