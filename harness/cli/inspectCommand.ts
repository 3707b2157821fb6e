import { readFile } from 'node:fs/promises';
import pc from 'picocolors';
import { inspectPackage, type InspectReport, type UpipVerdict } from '../../src/installers/inspectPackage.ts';
import { Heap, parseHeapSize, poolBytes } from '../../src/device/heap.ts';
import { UsageError } from './UsageError.ts';

/** The 4 KiB window upip documents for small boards, and the decoder state uzlib adds to it. */
const SMALL_WINDOW = 4096;
const UZLIB_STATE_BYTES = 1344;

/**
 * `miprig inspect ARCHIVE [--heap SIZE] [--json]`: what a package author checks before
 * publishing. Exit 0 when upip on a small board (4 KiB window) can install it; 1 when the stream
 * needs more than 4 KiB (or the heap given cannot hold the window); 2 for a file that is not a
 * readable .tar.gz.
 */
export async function inspectCommand(archive: string, opts: { heap?: string; json?: boolean }): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(archive));
  } catch (err) {
    throw new UsageError(`cannot read ${archive} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let pool: number | undefined;
  let heapBytes: number | undefined;
  if (opts.heap !== undefined) {
    try {
      heapBytes = parseHeapSize(opts.heap);
    } catch (err) {
      throw new UsageError(`--heap ${opts.heap}: ${(err as Error).message} (write it as for -X heapsize, e.g. 64K)`);
    }
    // As upip measures it: gc.mem_free() + gc.mem_alloc() of a unix x64 heap of that size.
    pool = poolBytes({ heapBytes, wordBytes: 8, startMisalignment: 16 });
  }
  const report = inspectPackage(bytes, pool !== undefined ? { heap: pool } : {});
  const windowFits = heapBytes === undefined ? undefined : fitsWindow(heapBytes, report.upip.chosenWindowBits ?? 15);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ archive, ...report, ...(windowFits !== undefined ? { windowFitsHeap: windowFits } : {}) }, null, 2) + '\n');
  } else {
    process.stdout.write(formatReport(archive, report, windowFits));
  }
  if (report.problem && report.problem.kind !== 'checksum') {
    process.stderr.write(`miprig: ${archive}: ${report.problem.message}\n`);
    return 2;
  }
  const chosen = report.upip.chosenWindowBits === 15 ? report.upip.largeHeap : report.upip.smallHeap;
  const ok = report.neededWindow <= SMALL_WINDOW && chosen.succeeds && windowFits !== false;
  return ok ? 0 : 1;
}

/** Whether uzlib's window (allocated in one piece, eagerly) fits a fresh unix x64 heap. */
function fitsWindow(heapBytes: number, windowBits: number): boolean {
  const heap = new Heap({ heapBytes, wordBytes: 8, startMisalignment: 16, baselineBytes: 992 });
  return heap.tryAllocate((1 << windowBits) + UZLIB_STATE_BYTES) !== undefined;
}

function verdictLine(label: string, v: UpipVerdict): string {
  if (v.succeeds) return `  ${label}: ${pc.green('installs')} (${v.extracted.length} files${v.deps.length ? `, deps: ${v.deps.join(', ')}` : ''})`;
  const where = v.failedIn?.member ? ` in ${v.failedIn.member} (${v.failedIn.part})` : '';
  const kept = v.extracted.filter((f) => f.bytes > 0).map((f) => `${f.path} ${f.bytes}B${f.complete ? '' : ' partial'}`);
  return `  ${label}: ${pc.red('fails')} — ${v.errorLine ?? v.errorText ?? 'error'}${where}${kept.length ? `; left on the device: ${kept.join(', ')}` : ''}`;
}

function formatReport(archive: string, r: InspectReport, windowFits: boolean | undefined): string {
  const out: string[] = [pc.bold(archive), `  ${r.size} bytes, ${r.kind}${r.problem ? pc.red(` — ${r.problem.message}`) : ''}`];
  if (r.gzip) {
    const g = r.gzip;
    out.push(`  gzip: method ${g.method}, flags [${g.flagNames.join(', ') || 'none'}], mtime ${g.mtime}, OS ${g.osName}${g.originalName ? `, name ${g.originalName}` : ''}`);
    out.push(`  tar: ${r.uncompressedSize} bytes, CRC ${r.crcOk ? 'ok' : pc.yellow('not verified')}${r.trailingBytes ? `, ${r.trailingBytes} trailing bytes` : ''}`);
    const needs = `${r.neededWindow} bytes (largest back-reference ${r.maxDistance})`;
    out.push(`  window needed: ${r.neededWindow <= SMALL_WINDOW ? pc.green(needs) : pc.red(`${needs} — more than the 4 KiB upip uses on small boards`)}`);
  }
  if (r.members.length) {
    out.push('  members:');
    for (const m of r.members) out.push(`    ${m.upip === 'skip' ? pc.dim('skip   ') : m.upip === 'dir' ? pc.dim('dir    ') : 'extract'} ${m.name}${m.type === 'file' ? pc.dim(` ${m.size}B`) : ''}`);
  }
  if (r.memberError) out.push(pc.red(`  upip's tar reader stops: ${r.memberError}`));
  out.push('  upip:');
  out.push(verdictLine('heap ≤ 64 KiB (4 KiB window)', r.upip.smallHeap));
  out.push(verdictLine('larger heap (32 KiB window)', r.upip.largeHeap));
  if (r.upip.chosenWindowBits !== undefined) {
    out.push(`  with the heap given (pool ${r.upip.heap} bytes) upip picks a ${1 << r.upip.chosenWindowBits}-byte window${windowFits === false ? pc.red(', which does not fit: MemoryError: memory allocation failed') : ''}`);
  }
  return out.join('\n') + '\n';
}
