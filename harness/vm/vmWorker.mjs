// One MicroPython VM (the webassembly port) in a worker thread. The main thread sends a session
// (VM package, files, sys.path, Python to set up), then Python to run, step by step; the VM's
// sockets call `_miprig_net`, which posts each call to the main thread and waits on a shared
// buffer (Atomics.wait) for the answer: the VM blocks as a device's socket does, while the main
// thread's event loop talks to the loopback server. Plain JavaScript, so it runs as it is from
// the sources, the compiled package and the bundle alike.
import { parentPort, workerData } from 'node:worker_threads';

const { netPort, shared } = workerData;
const state = new Int32Array(shared, 0, 4); // [0] answered, [1] status, [2] length
const data = new Uint8Array(shared, 16);
let mp;
let lines = [];
let partial = '';
// The exact text printed, for the raw REPL (lines lose whether the output ended in a newline).
let text = '';

/** A net call to the main thread, answered synchronously: status (0 ok, <0 EOF, >0 errno) and bytes. */
function call(request) {
  Atomics.store(state, 0, 0);
  netPort.postMessage(request);
  Atomics.wait(state, 0, 0);
  const status = Atomics.load(state, 1);
  const length = Atomics.load(state, 2);
  return { status, text: Buffer.from(data.subarray(0, length)).toString('latin1') };
}

const net = {
  resolve: (host) => call({ op: 'resolve', host }).status,
  connect: (host, port) => {
    const r = call({ op: 'connect', host, port });
    return r.status === 0 ? Number(r.text) : -r.status;
  },
  starttls: (id, host) => call({ op: 'starttls', id, host }).status,
  write: (id, hex) => call({ op: 'write', id, hex }).status,
  // Hex of up to `max` bytes; '' at the end of the stream; an errno as a negative number.
  read: (id, max) => {
    const r = call({ op: 'read', id, max });
    return r.status > 0 ? -r.status : r.status < 0 ? '' : r.text;
  },
  close: (id) => call({ op: 'close', id }).status,
};

// The port's loader compiles its .wasm on every load; a fresh VM per scenario needs only a fresh
// instance. The main thread compiles each release once per process (WebAssembly.Module is shared
// with workers by postMessage) and sends it once per worker, which keeps every release it was
// sent; the loader's instantiate call is answered from the one being opened.
const realInstantiate = WebAssembly.instantiate.bind(WebAssembly);
const compiledFor = new Map();
let compiled;
WebAssembly.instantiate = async (source, imports) => {
  if (compiled && !(source instanceof WebAssembly.Module)) {
    return { module: compiled, instance: await realInstantiate(compiled, imports) };
  }
  return realInstantiate(source, imports);
};

// The VM kept for reuse (an 'open' with `keep`): its release, and the paths its file system had
// before any device file was written, which a reuse wipes it back to. One at most, and only the
// last VM loaded: the port's loader keeps its JavaScript proxies in globals, which each load
// starts anew, so an older VM's calls into JavaScript would find them gone.
let kept;

/** Every path of `vm`'s file system with its kind, but for those under `skip` (default: the kernel's /dev and /proc). */
function listing(vm, skip = ['/dev', '/proc']) {
  const found = new Map();
  const walk = (dir) => {
    for (const name of vm.FS.readdir(dir)) {
      if (name === '.' || name === '..') continue;
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      if (skip.includes(path)) continue;
      const mode = vm.FS.stat(path).mode;
      found.set(path, vm.FS.isDir(mode) ? 'dir' : vm.FS.isFile(mode) ? 'file' : 'other');
      if (vm.FS.isDir(mode)) walk(path);
    }
  };
  walk('/');
  return found;
}

/**
 * A kept VM's file system back to its baseline: what the last device wrote removed, deepest
 * first. False when the baseline itself was changed (a body removed /tmp, say): a fresh VM is
 * loaded instead.
 */
function wipe(entry) {
  const { mp: vm, baseline } = entry;
  try {
    vm.FS.chdir('/');
    const extra = [...listing(vm)].filter(([path]) => !baseline.has(path)).sort(([a], [b]) => b.length - a.length);
    for (const [path, kind] of extra) {
      if (kind === 'dir') vm.FS.rmdir(path);
      else vm.FS.unlink(path);
    }
  } catch {
    return false; // what it cannot remove, a new VM does not have
  }
  const after = listing(vm);
  return after.size === baseline.size && [...baseline].every(([path, kind]) => after.get(path) === kind);
}

function collect(chunk) {
  text += chunk;
  const all = partial + chunk;
  const parts = all.split('\n');
  partial = parts.pop();
  lines.push(...parts);
}

parentPort.on('message', async (message) => {
  try {
    if (message.type === 'open') {
      const { loadMicroPython } = await import(message.vm);
      if (message.wasm) compiledFor.set(message.vm, message.wasm);
      compiled = compiledFor.get(message.vm);
      lines = [];
      partial = '';
      const reused = message.keep && kept?.vm === message.vm && wipe(kept);
      if (reused) mp = kept.mp;
      else {
        kept = undefined;
        mp = await loadMicroPython({ heapsize: message.heapsize, linebuffer: false, stdout: (b) => collect(Buffer.from(b).toString('utf8')), stderr: (b) => collect(Buffer.from(b).toString('utf8')) });
        mp.registerJsModule('_miprig_net', net);
        if (message.keep) kept = { vm: message.vm, mp, baseline: listing(mp) };
      }
      for (const dir of message.dirs) mp.FS.mkdirTree(dir);
      for (const [path, bytes] of message.files) mp.FS.writeFile(path, bytes);
      mp.FS.chdir(message.cwd);
      parentPort.postMessage({ type: 'opened', reused });
    } else if (message.type === 'drop') {
      kept = undefined;
      parentPort.postMessage({ type: 'dropped' });
    } else if (message.type === 'exec') {
      lines = [];
      text = '';
      let error;
      try {
        mp.runPython(message.code);
      } catch (err) {
        if (err?.name !== 'PythonError') throw err;
        error = { type: err.type, message: err.message };
      }
      if (partial) {
        lines.push(partial);
        partial = '';
      }
      parentPort.postMessage({ type: 'done', lines, text, error });
    } else if (message.type === 'files') {
      const files = [...listing(mp, message.skip)].filter(([, kind]) => kind === 'file').map(([path]) => [path, mp.FS.readFile(path)]);
      parentPort.postMessage({ type: 'files', files });
    }
  } catch (err) {
    parentPort.postMessage({ type: 'failed', message: String(err?.stack ?? err) });
  }
});
