/**
 * miprig's vitest matchers, a separate entry point (`miprig/vitest`) so that the main one never
 * needs vitest's types: a consumer without vitest compiles `import … from 'miprig'` as it is.
 *
 * @example
 * import { expect, test } from 'vitest';
 * import { runScenario } from 'miprig';
 * import { miprigMatchers } from 'miprig/vitest';
 * expect.extend(miprigMatchers);
 * test('hello installs', async () => {
 *   expect(await runScenario('scenarios/mip/index-latest.yaml')).toPass();
 * });
 */
import type {} from 'vitest';
export { miprigMatchers } from './matchers.ts';
