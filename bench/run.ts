/**
 * `npm run bench`: the speed figures the issues set targets for, measured in one run and printed
 * (ratios are taken within the run; these machines are noisy). Real-binary figures need
 * MIPRIG_MICROPYTHON; without it they are skipped with the reason.
 */
import pc from 'picocolors';
import { binariesFromEnv, probeBinary } from '../harness/unix/MicropythonBinary.ts';
import type { Figure } from './figure.ts';
import { benchInflate } from './inflate.ts';
import { benchUnix } from './unixBench.ts';
import { benchVirtual } from './virtualBench.ts';
import { benchCliStart } from './cliStart.ts';
import { benchCorpus } from './corpusBench.ts';

function print(figures: readonly Figure[]): void {
  for (const f of figures) {
    const target = f.target ? `  target ${f.target.text}: ${f.target.met ? pc.green('met') : pc.red('NOT met')}` : '';
    process.stdout.write(`${f.name.padEnd(66)} ${String(f.value).padStart(10)} ${f.unit}${target}\n`);
  }
}

print(await benchVirtual());
const cli = benchCliStart();
if (typeof cli === 'string') process.stdout.write(pc.yellow(`${cli}\n`));
else print(cli);
const corpus = await benchCorpus();
if (typeof corpus === 'string') process.stdout.write(pc.yellow(`${corpus}\n`));
else print(corpus);
const binaries = binariesFromEnv();
if (binaries.length === 0) {
  process.stdout.write(pc.yellow('unix: skipped (set MIPRIG_MICROPYTHON to real micropython binaries to measure the unix backend)\n'));
}
for (const path of binaries) {
  const info = await probeBinary(path);
  if (info.installer !== 'mip') {
    process.stdout.write(pc.yellow(`unix ${info.version}: skipped (freezes ${info.installer ?? 'no installer'}, the bench installs with mip)\n`));
    continue;
  }
  print(await benchUnix(info));
}
const inflate = await benchInflate();
print(
  inflate.map((f) =>
    f.unit === 'ratio' ? { ...f, target: { text: '≥ 0.5× pako', met: f.value >= 0.5 } } : f,
  ),
);
