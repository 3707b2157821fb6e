/**
 * A wheel (`.whl`, a zip) for the "PyPI's only file is a wheel" case: upip streams it into
 * `uzlib.DecompIO(sock, 31)`, whose gzip header check fails on `PK\x03\x04` →
 * `Error installing 'x': compression header, packages may be partially installed`.
 */
import { buildZip } from './buildZip.ts';

export interface WheelSpec {
  name: string;
  version: string;
  /** Path inside the wheel → content (text is UTF-8 encoded). */
  files: Record<string, string | Uint8Array>;
  requires?: string[];
}

/**
 * Build a pure-Python wheel with a `.dist-info` (METADATA, WHEEL, RECORD).
 *
 * @example
 * const whl = buildWheel({ name: 'micropython-foo', version: '1.0', files: { 'foo.py': 'x = 1\n' } });
 * inspectArchive(whl).kind // 'zip'
 */
export function buildWheel(spec: WheelSpec): Uint8Array {
  const enc = new TextEncoder();
  const distInfo = `${spec.name.replace(/-/g, '_')}-${spec.version}.dist-info`;
  const entries: { name: string; data: Uint8Array }[] = Object.entries(spec.files).map(([name, content]) => ({
    name,
    data: typeof content === 'string' ? enc.encode(content) : content,
  }));
  const metadata = [
    'Metadata-Version: 2.1',
    `Name: ${spec.name}`,
    `Version: ${spec.version}`,
    ...(spec.requires ?? []).map((r) => `Requires-Dist: ${r}`),
    '',
  ].join('\n');
  entries.push({ name: `${distInfo}/METADATA`, data: enc.encode(metadata) });
  entries.push({
    name: `${distInfo}/WHEEL`,
    data: enc.encode('Wheel-Version: 1.0\nGenerator: miprig\nRoot-Is-Purelib: true\nTag: py3-none-any\n'),
  });
  const record = [...entries.map((e) => `${e.name},,${e.data.length}`), `${distInfo}/RECORD,,`, ''].join('\n');
  entries.push({ name: `${distInfo}/RECORD`, data: enc.encode(record) });
  return buildZip(entries);
}
