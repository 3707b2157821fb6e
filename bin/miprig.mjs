#!/usr/bin/env node
// The miprig command. An installed package runs the CLI bundled into a few files (dist/cli/,
// built by `npm run build`, which `prepare` runs for `npm pack` and git installs): loading one
// bundle instead of hundreds of modules is most of a fast start. A checkout of the sources runs
// them as they are, through tsx, so an edit never meets a stale build.
import { existsSync } from 'node:fs';

const sources = new URL('../harness/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import(new URL('../dist/cli/main.mjs', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
