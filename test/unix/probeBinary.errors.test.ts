import { chmod, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { probeBinary } from '../../harness/unix/MicropythonBinary.ts';
import { createRunRoot, removeRunRoot } from '../../harness/unix/runRoot.ts';

describe('probeBinary errors name the path and the fix', () => {
  it('missing path', async () => {
    await expect(probeBinary('/nonexistent/micropython')).rejects.toThrow(/\/nonexistent\/micropython does not exist; build ports\/unix/);
  });

  it('not executable, and not MicroPython', async () => {
    const root = await createRunRoot();
    try {
      const file = `${root}/micropython`;
      await writeFile(file, '#!/bin/sh\necho hello\n');
      await expect(probeBinary(file)).rejects.toThrow(/is not executable; run `chmod \+x/);
      await chmod(file, 0o755);
      await expect(probeBinary(file)).rejects.toThrow(/did not answer like a MicroPython unix port.*MIPRIG_MICROPYTHON/);
    } finally {
      await removeRunRoot(root);
    }
  });
});
