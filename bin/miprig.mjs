#!/usr/bin/env node
// Entry point: load the TypeScript CLI through tsx so no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
