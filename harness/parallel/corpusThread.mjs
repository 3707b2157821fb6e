// A corpus worker thread (CorpusPool.ts): loads miprig the way its parent was loaded — the
// one-file CLI bundle, compiled JavaScript (dist/), or the TypeScript sources through tsx in a
// checkout — and serves scenarios from it. Plain JavaScript, so it runs as it is in all three.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';

const parent = workerData.parentUrl;
let worker;
if (parent.endsWith('.cjs')) {
  // The installed package: through its loader, so the thread compiles from the V8 code cache too.
  const loader = new URL('../../bin/loadBundle.mjs', parent);
  worker = existsSync(loader) ? (await import(loader.href)).loadBundle(parent) : createRequire(parent)(fileURLToPath(parent));
} else if (parent.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
  worker = await import(new URL('./corpusWorker.ts', parent).href);
} else {
  worker = await import(new URL('./corpusWorker.js', parent).href);
}
await worker.serveCorpusWorker();
