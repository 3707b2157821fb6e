// MIPRIG_MPREMOTE lists mpremotes with the syntax MIPRIG_MICROPYTHON lists binaries.
import { expect, it } from 'vitest';
import { mpremotesFromEnv } from '../../harness/mpremote/mpremoteTool.ts';
import { binariesFromEnv } from '../../harness/unix/MicropythonBinary.ts';

it('splits on colons and commas, trims, drops blanks, as MIPRIG_MICROPYTHON does', () => {
  const list = ' /src/micropython , /opt/mpremote::/x/tools/mpremote ';
  expect(mpremotesFromEnv({ MIPRIG_MPREMOTE: list })).toEqual(['/src/micropython', '/opt/mpremote', '/x/tools/mpremote']);
  expect(mpremotesFromEnv({ MIPRIG_MPREMOTE: list })).toEqual(binariesFromEnv({ MIPRIG_MICROPYTHON: list }));
  expect(mpremotesFromEnv({})).toEqual([]);
});
