import type { Observation } from '../../harness/observation/Observation.ts';
import type { ScenarioResult } from '../../harness/ScenarioResult.ts';

/**
 * One string per class of code point a package, a server or a binary may send, each with a
 * printable neighbour so a dropped or mangled character shows.
 */
export const HOSTILE = {
  'C0 NUL': 'a\u0000b',
  'C0 SOH': 'a\u0001b',
  'C0 BEL': 'a\u0007b',
  'ESC CSI erase screen': 'a\u001b[2Jb',
  'ESC SGR conceal': 'a\u001b[8mb',
  'ESC OSC window title': 'a\u001b]0;pwned\u0007b',
  tab: 'a\tb',
  'LF (a fake line)': 'ok\n ✓ fake passed',
  'CR (overwrites the line)': 'bad\rgood',
  'CRLF': 'a\r\nb',
  DEL: 'a\u007fb',
  'C1 CSI': 'a\u009b2Jb',
  'C1 NEL': 'a\u0085b',
  'bidi override RLO': 'invoice\u202egpj.exe',
  'bidi embedding LRE..PDF': 'a\u202a\u202b\u202c\u202db',
  'bidi isolates LRI..PDI': 'a\u2066\u2067\u2068\u2069b',
  'bidi marks ALM LRM RLM': 'a\u061c\u200e\u200fb',
  'line and paragraph separators': 'a\u2028\u2029b',
  'lone high surrogate': 'a\ud800b',
  'lone low surrogate': 'a\udc00b',
  'U+FFFE': 'a\ufffeb',
  'U+FFFF': 'a\uffffb',
  'astral character': 'a😀b',
  'CDATA end and markup': 'a]]>b<c>&d"e\'f',
} as const;

export type HostileClass = keyof typeof HOSTILE;

/**
 * A result whose every string — names, paths, reason, check values, URLs, headers, output,
 * findings, keys too — carries `text`: what a hostile package, server or binary could put there.
 *
 * @example
 * prettyReport([hostileResult(HOSTILE['C0 BEL'], 'fail')])
 */
export function hostileResult(text: string, status: ScenarioResult['status'] = 'fail'): ScenarioResult {
  return {
    scenario: { name: `scenario ${text}`, file: `/s/${text}.yaml`, tags: [`tag ${text}`] },
    backend: `unix:${text}`,
    runtime: { version: text, mpy: 6 },
    installer: { name: 'mip', version: text },
    status,
    reason: `reason ${text}`,
    outcome: `exception: OSError: ${text}`,
    exitCode: 1,
    checks: [
      { name: 'output', pass: false, expected: ['Done'], actual: [`Copying: /lib/${text}.py`, 'Done'] },
      { name: 'files', pass: false, expected: { tree: { '/lib/x.py': true } }, actual: { [`/lib/${text}.py`]: text } },
      { name: 'outcome', pass: false, expected: 'done', actual: `exception: ${text}` },
      { name: 'imports', pass: false, expected: {}, actual: {}, knownDivergence: `divergence ${text}` },
    ],
    requests: [{ method: 'GET', url: `https://h/${text}`, status: 200 }],
    files: { [`/lib/${text}.py`]: { size: 1, sha256: '00' } },
    output: [`Copying: /lib/${text}.py`, text, 'Done'],
    imports: { [`m${text}`]: `/lib/${text}.py` },
    decompress: { [`/${text}.gz`]: `OSError: ${text}` },
    findings: [{ kind: 'path-escape', detail: `/tmp/${text}` }],
    redirection: `redirection ${text}`,
    build: `build ${text}`,
    launcher: `launcher ${text}`,
    durationMs: 1,
  };
}

/**
 * A run of `hostileResult` on `backend` with an observation holding `text` in file paths, request
 * URLs and headers, output lines, imports and decompress results (for the `--backend all` table).
 */
export function hostileRun(text: string, backend: string, observed: string): { result: ScenarioResult; observation: Observation } {
  const result = { ...hostileResult(text), backend };
  const observation: Observation = {
    backend,
    backendKind: backend.startsWith('unix') ? 'real' : 'model',
    runtime: { version: '1.27.0', mpy: 6 },
    installer: { name: 'mip', version: '0.5.0' },
    files: new Map([[`/lib/${observed}.py`, new TextEncoder().encode(observed)]]),
    requests: [{ method: 'GET', url: `https://h/${observed}`, status: 200, bytes: 1, headers: [['X-Evil', observed]], matched: true }],
    output: [`Copying: /lib/${observed}.py`],
    outcome: { kind: 'done' },
    exitCode: 0,
    imports: { [`m${observed}`]: `/lib/${observed}.py` },
    decompress: { [`/${observed}.gz`]: `OSError: ${observed}` },
    findings: [],
    durationMs: 1,
  };
  return { result, observation };
}

/** What the user sees of each class in a terminal: visible escapes; printable text left alone. */
export const VISIBLE_IN_TERMINAL: Record<HostileClass, string> = {
  'C0 NUL': 'a\\x00b',
  'C0 SOH': 'a\\x01b',
  'C0 BEL': 'a\\x07b',
  'ESC CSI erase screen': 'a\\x1b[2Jb',
  'ESC SGR conceal': 'a\\x1b[8mb',
  'ESC OSC window title': 'a\\x1b]0;pwned\\x07b',
  tab: 'a\\tb',
  'LF (a fake line)': 'ok\\n ✓ fake passed',
  'CR (overwrites the line)': 'bad\\rgood',
  CRLF: 'a\\r\\nb',
  DEL: 'a\\x7fb',
  'C1 CSI': 'a\\x9b2Jb',
  'C1 NEL': 'a\\x85b',
  'bidi override RLO': 'invoice\\u202egpj.exe',
  'bidi embedding LRE..PDF': 'a\\u202a\\u202b\\u202c\\u202db',
  'bidi isolates LRI..PDI': 'a\\u2066\\u2067\\u2068\\u2069b',
  'bidi marks ALM LRM RLM': 'a\\u061c\\u200e\\u200fb',
  'line and paragraph separators': 'a\\u2028\\u2029b',
  'lone high surrogate': 'a\\ud800b',
  'lone low surrogate': 'a\\udc00b',
  'U+FFFE': 'a\ufffeb',
  'U+FFFF': 'a\uffffb',
  'astral character': 'a😀b',
  'CDATA end and markup': 'a]]>b<c>&d"e\'f',
};
