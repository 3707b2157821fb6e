import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The suite's own cache folder (see the file): nothing is written under the user's home.
    globalSetup: ['test/support/globalSetup.ts'],
    // The unix backend spawns real binaries; give those tests room without slowing the rest.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
