/**
 * Build the `.tar.gz` source distributions upip downloads, from the scenario's `sdist` file
 * content, in one of two real-world shapes:
 *
 * - `sdist_upip` (default when windowBits ≤ 12): what micropython-lib's `sdist_upip.py` made —
 *   no directory entries, only `*.egg-info/PKG-INFO` and `requires.txt` kept from the egg-info.
 * - `setuptools` (default when windowBits > 12): a plain PyPI sdist — directory entries with a
 *   trailing `/` (as CPython's tarfile writes them), a full egg-info, `setup.cfg`.
 *
 * The gzip wrapper follows windowBits: ≤ 12 → as `zlib.compressobj(level=9, wbits=16+12)` wrote it
 * for sdist_upip (no name, mtime 0, OS 3); otherwise as CPython's tarfile/gzip (FNAME
 * `name-version.tar`, the mtime, XFL 2, OS 255). Level 9 either way.
 *
 * Files live under `name-version/`; upip strips that first component.
 */
import { bytesRepr, strRepr } from '../py/errors.ts';
import { pack } from 'tar-stream';
import type { FileContent } from '../scenario/schema.ts';
import { compressWithWindow } from './gzipWithWindow.ts';
import { repeatedBlockBytes } from './seededBytes.ts';
import { setNumericTerminator } from './tarNumericFields.ts';

/** The schema's `sdist` file content (defaults not yet applied). */
export type SdistSpec = Extract<FileContent, { sdist: unknown }>['sdist'];

/** Turns nested file content (text, base64, random, …) into bytes; supplied by the world builder. */
export type MaterializeContent = (content: FileContent) => Promise<Uint8Array>;

export type SdistStyle = 'sdist_upip' | 'setuptools';

export interface BuildSdistOptions {
  /** Default from windowBits: ≤ 12 → `sdist_upip`, otherwise `setuptools`. */
  style?: SdistStyle;
  /** Seconds since the epoch for tar and gzip headers (deterministic by default). */
  mtime?: number;
}

const DEFAULT_MTIME = 1_500_000_000; // 2017-07-14, the upip era

/**
 * Build a gzip'd tar sdist from a scenario `sdist` spec.
 *
 * @example
 * const tgz = await buildSdist(
 *   { name: 'micropython-foo', version: '1.0', files: { 'foo.py': 'x = 1\n' }, requires: ['micropython-bar'] },
 *   async (c) => new TextEncoder().encode(String(c)),
 * );
 */
export async function buildSdist(
  spec: SdistSpec,
  materialize: MaterializeContent,
  options: BuildSdistOptions = {},
): Promise<Uint8Array> {
  const windowBits = spec.windowBits ?? 12;
  const style: SdistStyle = options.style ?? (windowBits <= 12 ? 'sdist_upip' : 'setuptools');
  const mtime = options.mtime ?? DEFAULT_MTIME;
  const members = await sdistMembers(spec, materialize, style);

  let tar = await packTar(members, mtime);
  if ((spec.numericTerminator ?? 'space') === 'nul') tar = setNumericTerminator(tar, 'nul');

  const gz = compressWithWindow(tar, {
    format: 'gzip',
    windowBits,
    level: spec.level ?? 9,
    // sdist_upip re-gzipped through zlib (no name, mtime 0); a 32 KiB archive came from CPython's tarfile.
    gzipHeader: windowBits <= 12 ? { mtime: 0, os: 3 } : { name: `${spec.name}-${spec.version}.tar`, mtime, os: 255 },
  });
  if (spec.truncateAt === undefined) return gz;
  if (spec.truncateAt >= gz.length) {
    throw new RangeError(
      `sdist ${spec.name}-${spec.version}: truncateAt ${spec.truncateAt} is not inside the ${gz.length}-byte archive; use a value below ${gz.length}`,
    );
  }
  return gz.slice(0, spec.truncateAt);
}

/** One tar member; `data` undefined = directory. */
export interface TarMember {
  name: string;
  data?: Uint8Array;
}

/**
 * The tar members of an sdist, in archive order (before packing). Exposed for tests and inspect.
 *
 * @example
 * (await sdistMembers(spec, materialize, 'sdist_upip')).map((m) => m.name)
 * // ['foo-1.0/PKG-INFO', 'foo-1.0/foo.egg-info/PKG-INFO', 'foo-1.0/foo.egg-info/requires.txt', 'foo-1.0/foo.py', 'foo-1.0/setup.py']
 */
export async function sdistMembers(spec: SdistSpec, materialize: MaterializeContent, style: SdistStyle): Promise<TarMember[]> {
  const top = `${spec.name}-${spec.version}`;
  const egg = `${top}/${spec.name.replace(/-/g, '_')}.egg-info`;
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  const withDirs = style === 'setuptools';
  const pkgInfo = spec.pkgInfo ?? true;
  const fileNames = Object.keys(spec.files);
  const members: TarMember[] = [];
  const seenDirs = new Set<string>();
  const addDirsFor = (path: string): void => {
    if (!withDirs) return;
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/') + '/';
      if (!seenDirs.has(dir)) {
        seenDirs.add(dir);
        members.push({ name: dir });
      }
    }
  };
  const add = (name: string, data: Uint8Array): void => {
    addDirsFor(name);
    members.push({ name, data });
  };

  if (pkgInfo) add(`${top}/PKG-INFO`, text(pkgInfoText(spec)));
  if (spec.readme ?? false) add(`${top}/README`, text(`${spec.name}\n${'='.repeat(spec.name.length)}\n\nA test package.\n`));
  if (pkgInfo) add(`${egg}/PKG-INFO`, text(pkgInfoText(spec)));
  if (withDirs) {
    const sources = [...fileNames, 'setup.py', 'setup.cfg'].sort();
    add(`${egg}/SOURCES.txt`, text(sources.map((f) => `${f}\n`).join('')));
    add(`${egg}/dependency_links.txt`, text('\n'));
    add(`${egg}/top_level.txt`, text(topLevelNames(fileNames).map((n) => `${n}\n`).join('')));
  }
  if (spec.requires !== undefined) add(`${egg}/requires.txt`, text(spec.requires.map((r) => `${r}\n`).join('')));
  for (const name of fileNames) {
    if (name.startsWith('/') || name.split('/').includes('..')) {
      // upip would write such a name unsanitised; a scenario probing that should build the tar by hand.
      throw new Error(`sdist ${top}: file name ${JSON.stringify(name)} must be relative without '..' (e.g. "pkg/mod.py")`);
    }
    add(`${top}/${name}`, await materialize(spec.files[name] as FileContent));
  }
  if (spec.resourceModule ?? false) {
    for (const [pkg, source] of await resourceModules(spec, materialize)) add(`${top}/${pkg}/R.py`, text(source));
  }
  if (spec.setupPy ?? true) add(`${top}/setup.py`, text(setupPyText(spec, fileNames)));
  if (withDirs) add(`${top}/setup.cfg`, text('[egg_info]\ntag_build = \ntag_date = 0\n\n'));
  return members;
}

/** Pack members with tar-stream (numeric fields space-terminated) into one buffer. */
export async function packTar(members: readonly TarMember[], mtime = DEFAULT_MTIME): Promise<Uint8Array> {
  const p = pack();
  const chunks: Uint8Array[] = [];
  const done = (async () => {
    for await (const chunk of p) chunks.push(chunk as Uint8Array);
  })();
  const date = new Date(mtime * 1000);
  for (const m of members) {
    if (m.data === undefined) {
      p.entry({ name: m.name, type: 'directory', mode: 0o755, mtime: date, uname: '', gname: '' });
    } else {
      p.entry({ name: m.name, type: 'file', mode: 0o644, mtime: date, size: m.data.length, uname: '', gname: '' }, Buffer.from(m.data));
    }
  }
  p.finalize();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function pkgInfoText(spec: SdistSpec): string {
  return [
    'Metadata-Version: 1.0',
    `Name: ${spec.name}`,
    `Version: ${spec.version}`,
    'Summary: A test package',
    'Home-page: https://github.com/micropython/micropython-lib',
    'Author: miprig',
    'Author-email: miprig@example.invalid',
    'License: MIT',
    'Description: UNKNOWN',
    'Platform: UNKNOWN',
    '',
  ].join('\n');
}

function topLevelNames(fileNames: readonly string[]): string[] {
  const names = new Set(fileNames.map((f) => f.split('/')[0]!.replace(/\.py$/, '')));
  return [...names].sort();
}

function setupPyText(spec: SdistSpec, fileNames: readonly string[]): string {
  const modules = fileNames.filter((f) => !f.includes('/') && f.endsWith('.py')).map((f) => f.slice(0, -3));
  const packages = [...new Set(fileNames.filter((f) => f.includes('/')).map((f) => f.split('/')[0]!))];
  return [
    'import sys',
    '# Remove current dir from sys.path, otherwise setuptools will peek up our',
    "# module instead of system's.",
    'sys.path.pop(0)',
    'from setuptools import setup',
    "sys.path.append('..')",
    'import sdist_upip',
    '',
    'setup(',
    `    name=${pyRepr(spec.name)},`,
    `    version=${pyRepr(spec.version)},`,
    "    description='A test package',",
    "    license='MIT',",
    "    cmdclass={'sdist': sdist_upip.sdist},",
    `    py_modules=[${modules.map(pyRepr).join(', ')}],`,
    `    packages=[${packages.map(pyRepr).join(', ')}],`,
    `    install_requires=[${(spec.requires ?? []).map(pyRepr).join(', ')}],`,
    ')',
    '',
  ].join('\n');
}

function pyRepr(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * An sdist that only decodes with a window bigger than 4 KiB: besides `<module>.py` it carries
 * `<module>_blob.bin`, one random `distance`-byte block repeated to `size` bytes, compressed with
 * a 32 KiB window — so upip on a ≤ 64 KiB heap (4 KiB window) fails with `OSError(22)` partway
 * through that file, after the members before it were extracted.
 *
 * @example
 * const tgz = await buildSdistNeedingLargeWindow({ name: 'micropython-big', version: '1.0' });
 * inflateBounded(tgz, { format: 'gzip', windowBits: 12 }).failure?.kind // 'window'
 */
export async function buildSdistNeedingLargeWindow(opts: {
  name: string;
  version: string;
  module?: string;
  distance?: number;
  size?: number;
  requires?: string[];
}): Promise<Uint8Array> {
  const module = opts.module ?? opts.name.replace(/^micropython-/, '').replace(/[^A-Za-z0-9_]/g, '_');
  const distance = opts.distance ?? 8192;
  const blob = repeatedBlockBytes(distance, opts.size ?? distance * 5);
  const spec: SdistSpec = {
    name: opts.name,
    version: opts.version,
    files: {
      [`${module}.py`]: `# ${opts.name} ${opts.version}\n`,
      [`${module}_blob.bin`]: { base64: Buffer.from(blob).toString('base64') },
    },
    windowBits: 15,
    // No PKG-INFO twins and no setuptools extras: similar tar headers ~5 KiB apart would fail a
    // 4 KiB window before the blob does.
    pkgInfo: false,
  };
  if (opts.requires) spec.requires = opts.requires;
  return buildSdist(spec, materializeTextOrBase64, { style: 'sdist_upip' });
}

/** The minimal materializer for built-in builders: plain text, `{text}` and `{base64}`. */
async function materializeTextOrBase64(content: FileContent): Promise<Uint8Array> {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  if ('text' in content) return new TextEncoder().encode(content.text);
  if ('base64' in content) return new Uint8Array(Buffer.from(content.base64, 'base64'));
  throw new Error(`this builder only materializes text or base64 content, got keys ${Object.keys(content).join(', ')}`);
}

/**
 * The `R.py` modules sdist_upip writes before packing (micropython-lib `sdist_upip.py`,
 * `make_resource_module`): every non-.py file inside a package folder, sorted, as
 * `R = {\n'<name in the package>': b'<bytes>',\n…}\n` (Python reprs), one module per package.
 *
 * @example
 * await resourceModules({ files: { 'pkg/a.txt': 'hi' } }, mat); // Map { 'pkg' => "R = {\n'a.txt': b'hi',\n}\n" }
 */
export async function resourceModules(spec: Pick<SdistSpec, 'files'>, materialize: MaterializeContent): Promise<Map<string, string>> {
  const byPackage = new Map<string, string>();
  for (const name of Object.keys(spec.files).sort()) {
    const slash = name.indexOf('/');
    if (name.endsWith('.py') || slash < 0) continue;
    const pkg = name.slice(0, slash);
    const entry = `${strRepr(name.slice(slash + 1))}: ${bytesRepr(await materialize(spec.files[name] as FileContent))},\n`;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 'R = {\n') + entry);
  }
  for (const [pkg, text] of byPackage) byPackage.set(pkg, `${text}}\n`);
  return byPackage;
}
