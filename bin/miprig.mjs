#!/usr/bin/env node
// The miprig command. A checkout of the sources runs them as they are, through tsx, so an edit
// never meets a stale build. An installed package runs the CLI bundled into one file
// (dist/cli/miprig.cjs, built by `npm run build`, which `prepare` runs for `npm pack` and git
// installs), compiled with a V8 code cache kept in miprig's cache folder: one file instead of
// hundreds of modules, and no compiling after the first run, are most of a fast start.
// MIPRIG_CLI=bundle runs the bundle from a checkout too (the start-up bench does).
import { existsSync } from 'node:fs';

const sources = new URL('../harness/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources) && process.env.MIPRIG_CLI !== 'bundle') {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(sources.href));
} else {
  const { loadBundle } = await import('./loadBundle.mjs');
  ({ main } = loadBundle(new URL('../dist/cli/miprig.cjs', import.meta.url)));
}
process.exitCode = await main(process.argv.slice(2));
