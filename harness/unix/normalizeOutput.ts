import type { StepLog } from '../steps/StepSession.ts';

/** A `miprig-<kind>: <text>` line the launcher printed for the harness. */
export interface ProtocolLine {
  kind: string;
  text: string;
}

export interface NormalizeContext {
  /** The run root (any spelling the binary might print, e.g. also a non-realpath alias). */
  runRoot: string | string[];
  /** Loopback port → device port, to put back the port the installer asked for. */
  ports?: Record<number, number>;
}

export interface NormalizedOutput {
  /** What the device would have printed, in device terms. */
  lines: string[];
  /** The launcher's protocol lines, in order, already in device terms. */
  protocol: ProtocolLine[];
}

const FRAME = /^ {2}File "[^"]*", line \d+(, in .*)?$/;
const PROTOCOL = /^miprig-([a-z]+): (.*)$/;

/**
 * Turn a binary's output lines into device terms: the run root prefix becomes `/`-rooted device
 * paths (`/tmp/miprig-ab/home/.micropython/lib` → `/home/.micropython/lib`), loopback ports after
 * `:` or `, ` become the device port, traceback frame lines (`  File "…", line N, in …`) are
 * dropped (they carry the launcher's frames and line numbers that differ per release), and
 * `miprig-*:` lines are moved to `protocol`. Everything else — upip's certificate warning
 * included — is real output and stays.
 *
 * @example
 * normalizeOutput(['Copying: /tmp/miprig-ab/lib/x.py', 'miprig-escape: /tmp/x'], { runRoot: '/tmp/miprig-ab' });
 * // { lines: ['Copying: /lib/x.py'], protocol: [{ kind: 'escape', text: '/tmp/x' }] }
 */
export function normalizeOutput(lines: readonly string[], context: NormalizeContext): NormalizedOutput {
  const roots = (Array.isArray(context.runRoot) ? context.runRoot : [context.runRoot])
    .map((r) => r.replace(/\/+$/, ''))
    .filter((r) => r !== '')
    // Longest first, so an alias that extends another is replaced whole.
    .sort((a, b) => b.length - a.length);
  const portRules = Object.entries(context.ports ?? {}).map(
    ([loop, device]) => [new RegExp(`(?<=[:,] ?)${Number(loop)}(?!\\d)`, 'g'), String(device)] as const,
  );
  // The root on its own (e.g. `Installing to: /tmp/miprig-ab`) is the device's `/`.
  const bareRoots = roots.map((root) => [root, new RegExp(`${escapeRegExp(root)}(?![\\w.-])`, 'g')] as const);
  const out: NormalizedOutput = { lines: [], protocol: [] };
  for (const raw of lines) {
    if (FRAME.test(raw)) continue;
    let line = raw;
    for (const [root, bare] of bareRoots) {
      if (!line.includes(root)) continue;
      line = line.split(`${root}/`).join('/').replace(bare, '/');
    }
    for (const [pattern, device] of portRules) line = line.replace(pattern, device);
    const protocol = PROTOCOL.exec(line);
    if (protocol) out.protocol.push({ kind: protocol[1] as string, text: protocol[2] as string });
    else out.lines.push(line);
  }
  return out;
}

/**
 * The import checks from protocol lines: module → origin (`builtin`, `namespace`, `frozen`, a
 * device path or an exception line).
 *
 * @example
 * importsFrom([{ kind: 'import', text: 'mip frozen' }]); // { mip: 'frozen' }
 */
export function importsFrom(protocol: readonly ProtocolLine[]): Record<string, string> {
  const imports: Record<string, string> = {};
  for (const { kind, text } of protocol) {
    if (kind !== 'import') continue;
    const space = text.indexOf(' ');
    if (space > 0) imports[text.slice(0, space)] = text.slice(space + 1);
  }
  return imports;
}

/**
 * The decompress checks from protocol lines: key → `ok <bytes>` or the exception line (key and
 * result separated by a tab, since a key may hold spaces).
 *
 * @example
 * decompressFrom([{ kind: 'decompress', text: '/d.gz\tok 12' }]); // { '/d.gz': 'ok 12' }
 */
export function decompressFrom(protocol: readonly ProtocolLine[]): Record<string, string> {
  const results: Record<string, string> = {};
  for (const { kind, text } of protocol) {
    if (kind !== 'decompress') continue;
    const tab = text.indexOf('\t');
    results[text.slice(0, tab)] = text.slice(tab + 1);
  }
  return results;
}

/**
 * The `sys.path` a `syspath` step left on the binary (python/syspath_edit.py prints it as a JSON
 * list), or undefined when the step printed none (it was killed, or the binary could not run it).
 *
 * @example
 * syspathFrom([{ kind: 'syspath', text: '["", "/lib"]' }]); // ['', '/lib']
 */
export function syspathFrom(protocol: readonly ProtocolLine[]): string[] | undefined {
  let found: string[] | undefined;
  for (const { kind, text } of protocol) {
    if (kind !== 'syspath') continue;
    const list: unknown = JSON.parse(text);
    if (!Array.isArray(list) || !list.every((e) => typeof e === 'string')) throw new Error(`the binary printed a sys.path that is not a list of str: ${text}`);
    found = list;
  }
  return found;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A line of mbedTLS's debug module as MicroPython prints it: `DBG:<file>:<line, 4 digits>: <text>`. */
const TLS_DEBUG_LINE = /^DBG:[^:\n]*:\d{4}: /;

/**
 * Leave out what a build with mbedTLS's debug module (MBEDTLS_DEBUG_C, as in Debian's libmbedtls)
 * prints on every handshake: hundreds of `DBG:…` lines, each followed by an empty line (the
 * message ends in its own newline). Build noise, not installer output; the report's build line
 * says when a binary prints them.
 *
 * @example
 * withoutTlsDebugLines(['DBG:ssl_tls.c:2755: => write record', '', 'Done']); // ['Done']
 */
export function withoutTlsDebugLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  let afterDebug = false;
  for (const line of lines) {
    if (TLS_DEBUG_LINE.test(line) || (afterDebug && line === '')) {
      afterDebug = line !== '';
      continue;
    }
    afterDebug = false;
    out.push(line);
  }
  return out;
}

/**
 * A binary's normalised output into a step log: its lines (without mbedTLS debug lines), and the
 * import and decompress results its protocol lines carry.
 *
 * @example
 * recordOutput(session.log, normalizeOutput([...r.stdout, ...r.stderr], { runRoot: root }));
 */
export function recordOutput(log: Pick<StepLog, 'output' | 'imports' | 'decompress'>, normal: NormalizedOutput): void {
  for (const line of withoutTlsDebugLines(normal.lines)) log.output.push(line);
  Object.assign(log.imports, importsFrom(normal.protocol));
  Object.assign(log.decompress, decompressFrom(normal.protocol));
}
