/**
 * File bytes from a scenario's `fileContent` description. Used for every file of the world
 * (index packages, git repos, plain routes, PyPI releases) and for the device's own files.
 */
import type { FileContent } from '../scenario/schema.ts';
import { buildMpy, type BuildMpyOptions } from '../mpy/buildMpy.ts';
import { buildSdist } from '../archive/buildSdist.ts';
import { repeatedBlockBytes, seededRandomBytes } from '../archive/seededBytes.ts';
import { compressWithWindow } from '../archive/gzipWithWindow.ts';

/** A `fileContent` value, parsed (defaults filled in) or not: nested sdist members arrive unparsed. */
export type FileContentSpec = FileContent;

/** The `.mpy` header fields of a `{ mpy: ... }` file, all present. */
export type MpyOptions = Omit<BuildMpyOptions, 'sourceName'>;

/** What mpy-cross of the v1.19+ era writes by default (bytecode 6, no native arch). */
export const DEFAULT_MPY: MpyOptions = { version: 6, sub: 0, arch: 0, smallIntBits: 31, magic: 'M', empty: false };

const utf8 = new TextEncoder();

/**
 * Compressed contents (`gzip`, `sdist`) by their description: deflating them was the largest
 * single cost of a 1 000-scenario virtual run (0.35 s of 4.6), and a version matrix builds the
 * same archive for every version. Same description, same bytes (the archive builders are
 * deterministic: fixed mtime, no randomness); each caller gets its own copy. Bounded, oldest out.
 */
const compressed = (() => {
  const MAX_BYTES = 64 * 1024 * 1024;
  const entries = new Map<string, Promise<Uint8Array>>();
  const sizes = new Map<string, number>();
  let total = 0;
  return {
    async get(content: FileContentSpec, build: () => Promise<Uint8Array> | Uint8Array): Promise<Uint8Array> {
      const key = JSON.stringify(content);
      let bytes = entries.get(key);
      if (!bytes) {
        bytes = Promise.resolve(build());
        entries.set(key, bytes);
        bytes.then(
          (b) => {
            sizes.set(key, b.length);
            total += b.length;
            for (const [old] of entries) {
              if (total <= MAX_BYTES || old === key) break;
              total -= sizes.get(old) ?? 0;
              sizes.delete(old);
              entries.delete(old);
            }
          },
          () => entries.delete(key),
        );
      }
      return (await bytes).slice();
    },
  };
})();

/** The header fields of `{ mpy }`, mpy-cross defaults for any left out. */
function mpyOptions(given: Partial<MpyOptions>): MpyOptions {
  const out: MpyOptions = { ...DEFAULT_MPY };
  for (const key of Object.keys(out) as Array<keyof MpyOptions>) {
    const value = given[key];
    if (value !== undefined) (out as unknown as Record<string, unknown>)[key] = value;
  }
  return out;
}

function repeatText(text: string, times: number): Uint8Array {
  const unit = utf8.encode(text);
  const out = new Uint8Array(unit.length * times);
  for (let i = 0; i < times; i++) out.set(unit, i * unit.length);
  return out;
}

/**
 * The bytes a `fileContent` value describes.
 *
 * - a string or `{ text }`: UTF-8
 * - `{ base64 }`: decoded
 * - `{ json }`: `JSON.stringify` without spaces (the separators `(",", ":")` build.py uses), no newline
 * - `{ mpy }`: `buildMpy` with the given header
 * - `{ random: { size, seed, period? } }`: deterministic mulberry32 bytes (`seededRandomBytes`); with
 *   `period`, one random block of that length repeated (`repeatedBlockBytes`)
 * - `{ repeat: { text, times } }`: text repeated
 * - `{ sdist }`: a `.tar.gz` from `buildSdist`
 *
 * @example
 * await materialize('print(1)')                       // bytes of "print(1)"
 * await materialize({ json: { v: 1 } })               // bytes of '{"v":1}'
 * await materialize({ random: { size: 16, seed: 7 } }) // the same 16 bytes every time
 */
export async function materialize(content: FileContentSpec): Promise<Uint8Array> {
  if (typeof content === 'string') return utf8.encode(content);
  if ('text' in content) return utf8.encode(content.text);
  if ('base64' in content) return new Uint8Array(Buffer.from(content.base64, 'base64'));
  if ('json' in content) {
    const text = JSON.stringify(content.json);
    if (text === undefined) throw new Error('materialize: a { json } file holds no JSON value (undefined); give it a value');
    return utf8.encode(text);
  }
  // Nested contents (sdist members) may reach here unparsed, so defaults are filled again.
  if ('mpy' in content) return buildMpy(mpyOptions(content.mpy));
  if ('random' in content) {
    const { size, seed, period } = content.random;
    return period === undefined ? seededRandomBytes(size, seed ?? 1) : repeatedBlockBytes(period, size, seed ?? 1);
  }
  if ('repeat' in content) return repeatText(content.repeat.text, content.repeat.times);
  if ('gzip' in content) {
    const { windowBits, format } = content.gzip;
    return compressed.get(content, async () =>
      compressWithWindow(await materialize(content.gzip.content as FileContentSpec), {
        windowBits: windowBits ?? 15,
        format: format ?? 'gzip',
      }),
    );
  }
  if ('sdist' in content) {
    const { style } = content.sdist;
    return compressed.get(content, () => buildSdist(content.sdist, materialize, style === undefined ? {} : { style }));
  }
  throw new Error(`materialize: unknown file content ${JSON.stringify(content)}; see fileContent in src/scenario/schema.ts`);
}
