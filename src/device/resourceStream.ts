/**
 * `pkg_resources.resource_stream(package, name).read()` on the virtual device, as micropython-lib's
 * `pkg_resources` does it: import `<package>.R` (the dict `R` that upip's `sdist_upip` writes
 * into a package, frozen or not) and take `R[name]`; when there is no `R` module, take the
 * package's `__path__` and open `<path>/<name>`. The module `pkg_resources` itself must be
 * importable on the device; its body is taken to be micropython-lib's (the model does not run it).
 */
import { materialize } from '../content/materialize.ts';
import { PyException } from '../py/PyException.ts';
import type { VirtualDevice } from './VirtualDevice.ts';

/**
 * The resource's bytes, or the Python exception the device raises.
 *
 * @example
 * await resourceBytes(device, 'mypkg', 'data/table.bin'); // Uint8Array from mypkg/R.py or the package folder
 */
export async function resourceBytes(device: VirtualDevice, pkg: string, name: string): Promise<Uint8Array> {
  raiseIfError(device, 'pkg_resources');
  const rModule = pkg ? `${pkg}.R` : 'R';
  device.modules.clear();
  const r = device.importModule(rModule).origin;
  if (r.kind === 'file' || r.kind === 'frozen') {
    const text = r.kind === 'file' ? Buffer.from(device.fs.readFile(r.file)).toString('utf8') : await frozenText(device, r.file);
    const table = parseResourceTable(text, r.kind === 'file' ? r.file : `.frozen/${r.file}`);
    const bytes = table.get(name);
    if (!bytes) throw new PyException('KeyError', pyRepr(name));
    return bytes;
  }
  if (r.kind !== 'error' || !r.line.startsWith('ImportError')) raiseIfError(device, rModule);
  // No R module: the package's folder.
  let dir = '.';
  if (pkg) {
    const p = device.importModule(pkg).origin;
    if (p.kind === 'error') throw PyException.fromLine(p.line);
    if (p.kind === 'namespace') dir = p.path;
    else if (p.kind === 'file' && p.file.endsWith('/__init__.py')) dir = p.file.slice(0, -'/__init__.py'.length);
    else if (p.kind === 'frozen' && p.file.endsWith('/__init__.py')) dir = `.frozen/${p.file.slice(0, -'/__init__.py'.length)}`;
    else throw new PyException('AttributeError', "'module' object has no attribute '__path__'");
  }
  return device.fs.readFile(`${dir}/${name}`);
}

function raiseIfError(device: VirtualDevice, module: string): void {
  const origin = device.importModule(module).origin;
  if (origin.kind === 'error') throw PyException.fromLine(origin.line);
}

async function frozenText(device: VirtualDevice, file: string): Promise<string> {
  const content = device.frozen.sources.get(file);
  if (content === undefined) throw new PyException('ImportError', `the model has no source for frozen ${file}`);
  return Buffer.from(await materialize(content)).toString('utf8');
}

function pyRepr(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The dict of an `R.py` as sdist_upip writes it: `R = {'name': b'bytes', …}` with str keys and
 * bytes values in Python literal form (escapes `\\xNN`, `\\n`, `\\t`, `\\r`, `\\\\`, `\\'`, `\\"`).
 * Anything else is code the model does not run: an error naming the file.
 *
 * @example
 * parseResourceTable("R = {'a.txt': b'hi\\\\n'}", 'pkg/R.py').get('a.txt'); // Uint8Array [104, 105, 10]
 */
export function parseResourceTable(text: string, file: string): Map<string, Uint8Array> {
  const body = /^\s*R\s*=\s*\{([\s\S]*)\}\s*$/.exec(text.replace(/^#.*$/gm, ''));
  if (!body) throw new Error(`${file} is not a resource table (R = {…}) the model can read; run the scenario on the VM or a binary`);
  const table = new Map<string, Uint8Array>();
  const entry = /\s*(['"])((?:\\.|(?!\1).)*)\1\s*:\s*b(['"])((?:\\.|(?!\3).)*)\3\s*,?/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = entry.exec(body[1]!)) !== null) {
    table.set(unescape(m[2]!).toString('utf8'), new Uint8Array(unescape(m[4]!)));
    pos = entry.lastIndex;
  }
  if (body[1]!.slice(pos).trim() !== '') throw new Error(`${file}: the model cannot read its resource table past ${JSON.stringify(body[1]!.slice(pos, pos + 20))}`);
  return table;
}

function unescape(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = s[++i]!;
    if (n === 'x') {
      out.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(({ n: 10, t: 9, r: 13, '0': 0 } as Record<string, number>)[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(out);
}
