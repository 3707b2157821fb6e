/**
 * Small stand-ins for the world and the virtual device, so the installer and HTTP client models
 * can be tested on their own: a Map-backed filesystem raising MicroPython's OSError texts, and a
 * Network answering from hand-written response bytes.
 */
import { referenceBuild, type BuildProfile } from '../../src/device/buildProfile.ts';
import { createHash } from 'node:crypto';
import type { Device, DeviceFs, ImportResult } from '../../src/device/Device.ts';
import { osError } from '../../src/py/PyException.ts';
import type { Network } from '../../src/net/Network.ts';
import type { EncodedResponse, RequestRecord, WireRequest } from '../../src/net/wire.ts';
import type { PortName } from '../../src/scenario/schema.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

export function bytes(text: string): Uint8Array {
  return enc.encode(text);
}

export function text(data: Uint8Array): string {
  return dec.decode(data);
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(typeof data === 'string' ? bytes(data) : data).digest('hex');
}

function norm(path: string): string {
  const p = path.replace(/\/+/g, '/');
  return p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** A Map-backed VFS: absolute paths, directories created explicitly, optional read-only prefixes. */
export class FakeFs implements DeviceFs {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>(['/']);
  readonly mkdirCalls: string[] = [];
  readonly writes: Array<{ path: string; size: number }> = [];
  /** Paths under these prefixes raise EROFS on mkdir/open. */
  readOnly: string[] = [];
  /** Total bytes the "flash" accepts before ENOSPC. */
  capacity = Infinity;

  constructor(files: Record<string, string | Uint8Array> = {}, dirs: string[] = []) {
    for (const d of dirs) this.addDir(d);
    for (const [p, c] of Object.entries(files)) {
      this.addDir(parentOf(p));
      this.files.set(p, typeof c === 'string' ? bytes(c) : c);
    }
  }

  private addDir(path: string): void {
    let cur = '';
    for (const part of path.split('/').filter(Boolean)) {
      cur += '/' + part;
      this.dirs.add(cur);
    }
  }

  private used(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.length;
    return n;
  }

  stat(path: string): { isDir: boolean; size: number } {
    const p = norm(path);
    if (this.dirs.has(p)) return { isDir: true, size: 0 };
    const f = this.files.get(p);
    if (f) return { isDir: false, size: f.length };
    throw osError(2);
  }

  mkdir(path: string): void {
    const p = norm(path);
    this.mkdirCalls.push(path);
    if (this.readOnly.some((r) => p.startsWith(r))) throw osError(30);
    if (this.dirs.has(p) || this.files.has(p)) throw osError(17);
    if (!this.dirs.has(parentOf(p))) throw osError(2);
    this.dirs.add(p);
  }

  openWrite(path: string): { write(bytes: Uint8Array): void; close(): void } {
    const p = norm(path);
    if (this.readOnly.some((r) => p.startsWith(r))) throw osError(30);
    if (this.dirs.has(p)) throw osError(21);
    if (!this.dirs.has(parentOf(p))) throw osError(2);
    this.files.set(p, new Uint8Array(0));
    return {
      write: (data: Uint8Array) => {
        if (this.used() + data.length > this.capacity) throw osError(28);
        const old = this.files.get(p)!;
        const next = new Uint8Array(old.length + data.length);
        next.set(old);
        next.set(data, old.length);
        this.files.set(p, next);
        this.writes.push({ path: p, size: data.length });
      },
      close: () => {},
    };
  }

  readFile(path: string): Uint8Array {
    const p = norm(path);
    const f = this.files.get(p);
    if (!f) throw osError(this.dirs.has(p) ? 21 : 2);
    return f;
  }

  snapshot(): Map<string, Uint8Array> {
    return new Map([...this.files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /** The files as UTF-8 text, for compact assertions. */
  texts(): Record<string, string> {
    return Object.fromEntries([...this.snapshot()].map(([p, b]) => [p, text(b)]));
  }
}

export interface FakeDeviceOptions {
  port?: PortName;
  version?: string;
  sysPath?: string[];
  files?: Record<string, string | Uint8Array>;
  dirs?: string[];
  mpy?: number | undefined;
}

export class FakeDevice implements Device {
  readonly port: PortName;
  readonly version: string;
  readonly fs: FakeFs;
  readonly sysPath: string[];
  readonly cwd = '/';
  readonly home = undefined;
  readonly mpy: number | undefined;
  readonly heapPool = 2 * 1024 * 1024;
  readonly output: string[] = [];
  readonly build: BuildProfile;

  constructor(o: FakeDeviceOptions = {}) {
    this.port = o.port ?? 'unix';
    this.version = o.version ?? '1.22.2';
    this.build = referenceBuild(this.port, this.version);
    this.sysPath = o.sysPath ?? ['', '.frozen', '/lib'];
    this.fs = new FakeFs(o.files ?? {}, o.dirs ?? ['/lib']);
    this.mpy = 'mpy' in o ? o.mpy : 0x0a06;
  }

  print(line: string): void {
    this.output.push(line);
  }

  importModule(name: string): ImportResult {
    return { origin: { kind: 'error', line: `ImportError: no module named '${name}'` }, tried: [] };
  }
}

/** Bytes of an HTTP response, written by hand. */
export function httpResponse(
  status: number,
  body: string | Uint8Array = '',
  o: { headers?: Array<[string, string]>; reason?: string; contentLength?: boolean; version?: string } = {},
): Uint8Array {
  const payload = typeof body === 'string' ? bytes(body) : body;
  const reason = o.reason ?? (status === 200 ? 'OK' : status === 404 ? 'Not Found' : status === 302 ? 'Found' : 'Status');
  let head = `HTTP/${o.version ?? '1.1'} ${status} ${reason}\r\n`;
  for (const [k, v] of o.headers ?? []) head += `${k}: ${v}\r\n`;
  if (o.contentLength ?? true) head += `Content-Length: ${payload.length}\r\n`;
  head += '\r\n';
  const out = new Uint8Array(head.length + payload.length);
  out.set(bytes(head));
  out.set(payload, head.length);
  return out;
}

type Route = EncodedResponse | Uint8Array | ((req: WireRequest) => EncodedResponse | Uint8Array);

/** A Network answering from a URL → response table; unknown URLs get a 404. */
export class FakeNetwork implements Network {
  readonly log: RequestRecord[] = [];
  readonly requests: WireRequest[] = [];
  readonly unresolvable = new Set<string>();
  private readonly routes = new Map<string, Route>();

  route(url: string, response: Route): this {
    this.routes.set(url, response);
    return this;
  }

  /** A 200 with this body. */
  ok(url: string, body: string | Uint8Array): this {
    return this.route(url, httpResponse(200, body));
  }

  /** A 200 with compact JSON. */
  json(url: string, value: unknown): this {
    return this.ok(url, JSON.stringify(value));
  }

  resolves(host: string): boolean {
    return !this.unresolvable.has(host);
  }

  async exchange(request: WireRequest): Promise<EncodedResponse> {
    this.requests.push(request);
    const route = this.routes.get(request.url);
    let answer: EncodedResponse;
    if (route === undefined) answer = { bytes: httpResponse(404, 'not declared'), end: 'close' };
    else {
      const r = typeof route === 'function' ? route(request) : route;
      answer = r instanceof Uint8Array ? { bytes: r, end: 'close' } : r;
    }
    const status = Number(/^HTTP\/\S+ (\d+)/.exec(text(answer.bytes.subarray(0, 40)))?.[1] ?? 0);
    this.log.push({ method: request.method, url: request.url, status, bytes: 0, headers: request.headers, matched: route !== undefined });
    return answer;
  }

  /** `GET url → status` lines, in order. */
  lines(): string[] {
    return this.log.map((r) => `GET ${r.url} → ${r.status}`);
  }
}

export const INDEX = 'https://micropython.org/pi/v2';

/** Register an index package (mpy tree 6) whose files are served from `/file/xx/hash`. */
export function indexPackage(
  net: FakeNetwork,
  name: string,
  files: Record<string, string>,
  o: { version?: string; deps?: Array<[string, string]>; urls?: Array<[string, string]>; tree?: string } = {},
): Record<string, string> {
  const hashes: Array<[string, string]> = [];
  const byPath: Record<string, string> = {};
  for (const [path, content] of Object.entries(files)) {
    const h = sha256Hex(content).slice(0, 8);
    hashes.push([path, h]);
    byPath[path] = h;
    net.ok(`${INDEX}/file/${h.slice(0, 2)}/${h}`, content);
  }
  const pkg: Record<string, unknown> = { v: 1, hashes, version: o.version ?? '1.0' };
  if (o.deps) pkg.deps = o.deps;
  if (o.urls) pkg.urls = o.urls;
  net.json(`${INDEX}/package/${o.tree ?? '6'}/${name}/${o.version ?? 'latest'}.json`, pkg);
  return byPath;
}
