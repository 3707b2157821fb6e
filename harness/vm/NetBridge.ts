import net from 'node:net';
import tls from 'node:tls';
import type { MessagePort } from 'node:worker_threads';

/** What the VM's sockets reach: the loopback server (the same as a real binary's) and the world's DNS view. */
export interface NetTarget {
  /** The loopback server's HTTP listener; a connection starts with `MIPRIG-CONNECT host port`, as the shim's do. */
  httpPort: number;
  /** False when a `dnsFailure` fault covers `host` (decided per look-up, as for a binary). */
  resolves(host: string): boolean;
}

const ECONNRESET = 104;
const ECONNREFUSED = 111;
const EBADF = 9;
/** The unix port's getaddrinfo error for a name that does not resolve (EAI_NONAME). */
export const EAI_NONAME = 2;

interface Connection {
  socket: net.Socket;
  chunks: Buffer[];
  ended: boolean;
  error: number;
  wake?: () => void;
}

/**
 * The main-thread half of the VM's sockets: each call the VM makes (vmWorker.mjs) arrives on
 * `port`, is carried out against the loopback server, and is answered through the shared buffer
 * the VM waits on. Bytes on the wire are real: plain HTTP or TLS (Node's client) to the same
 * server and world a real binary talks to, so the request log, faults, resets and hangs are the
 * world's own. A read with nothing buffered waits for bytes, the end or an error — a hang stays a
 * hang, ended by the step's timeout.
 *
 * @example
 * const bridge = new NetBridge(port1, shared);
 * bridge.serve({ httpPort, resolves: (h) => world.resolves(h) });
 * // … the VM runs …
 * bridge.close();
 */
export class NetBridge {
  private readonly connections = new Map<number, Connection>();
  private next = 1;
  private readonly state: Int32Array;
  private readonly data: Uint8Array;

  private target: NetTarget | undefined;

  constructor(
    private readonly port: MessagePort,
    shared: SharedArrayBuffer,
  ) {
    this.state = new Int32Array(shared, 0, 4);
    this.data = new Uint8Array(shared, 16);
    port.on('message', (request: Record<string, unknown>) => this.handle(request));
  }

  /** Serve a new session: connections of the last one are dropped. */
  serve(target: NetTarget): void {
    this.dropConnections();
    this.target = target;
  }

  /** Drop every connection the VM left open (a hang, a socket never closed). */
  dropConnections(): void {
    for (const c of this.connections.values()) c.socket.destroy();
    this.connections.clear();
  }

  /** Drop every connection and close the port. Idempotent. */
  close(): void {
    this.dropConnections();
    this.port.close();
  }

  private answer(status: number, bytes: Uint8Array = new Uint8Array(0)): void {
    const n = Math.min(bytes.length, this.data.length);
    this.data.set(bytes.subarray(0, n));
    Atomics.store(this.state, 1, status);
    Atomics.store(this.state, 2, n);
    Atomics.store(this.state, 0, 1);
    Atomics.notify(this.state, 0);
  }

  private handle(request: Record<string, unknown>): void {
    const id = Number(request['id']);
    switch (request['op']) {
      case 'resolve':
        return this.answer(this.target?.resolves(String(request['host'])) ? 0 : EAI_NONAME);
      case 'connect':
        return this.connect(String(request['host']), Number(request['port']));
      case 'starttls':
        return this.startTls(id, String(request['host']));
      case 'write': {
        const c = this.connections.get(id);
        if (!c || c.error) return this.answer(c?.error || EBADF);
        c.socket.write(Buffer.from(String(request['hex']), 'hex'));
        return this.answer(0);
      }
      case 'read':
        return this.read(id, Number(request['max']));
      case 'close': {
        this.connections.get(id)?.socket.destroy();
        this.connections.delete(id);
        return this.answer(0);
      }
      default:
        return this.answer(EBADF);
    }
  }

  private connect(host: string, port: number): void {
    if (!this.target) return this.answer(ECONNREFUSED);
    const socket = net.connect(this.target.httpPort, '127.0.0.1');
    socket.setNoDelay(true);
    const id = this.next++;
    this.track(id, socket);
    socket.once('connect', () => {
      socket.write(`MIPRIG-CONNECT ${host} ${port}\r\n`);
      this.answer(0, Buffer.from(String(id), 'latin1'));
    });
    socket.once('error', () => {
      if (!socket.connecting) return;
      this.connections.delete(id);
      this.answer(ECONNREFUSED);
    });
  }

  private startTls(id: number, host: string): void {
    const c = this.connections.get(id);
    if (!c) return this.answer(EBADF);
    // The loopback server's certificates are self-signed for every host: no verification, as the
    // installers ask for none (CERT_NONE).
    const secure = tls.connect({ socket: c.socket, servername: host || undefined, rejectUnauthorized: false });
    c.socket.removeAllListeners('data');
    c.socket.removeAllListeners('end');
    this.track(id, secure);
    let settled = false;
    secure.once('secureConnect', () => {
      settled = true;
      this.answer(0);
    });
    secure.once('error', () => {
      if (settled) return;
      settled = true;
      this.answer(ECONNRESET);
    });
  }

  private track(id: number, socket: net.Socket): void {
    const c: Connection = { socket, chunks: [], ended: false, error: 0 };
    this.connections.set(id, c);
    socket.on('data', (chunk: Buffer) => {
      c.chunks.push(chunk);
      c.wake?.();
    });
    socket.on('end', () => {
      c.ended = true;
      c.wake?.();
    });
    socket.on('error', () => {
      // A reset, a broken pipe or a TLS failure: the device sees its connection reset.
      c.error = ECONNRESET;
      c.wake?.();
    });
    socket.on('close', () => {
      c.ended = true;
      c.wake?.();
    });
  }

  private read(id: number, max: number): void {
    const c = this.connections.get(id);
    if (!c) return this.answer(EBADF);
    const deliver = (): boolean => {
      if (c.chunks.length) {
        const all = Buffer.concat(c.chunks);
        const hex = Buffer.from(all.subarray(0, Math.min(max, this.data.length / 2)).toString('hex'), 'latin1');
        const rest = all.subarray(hex.length / 2);
        c.chunks = rest.length ? [rest] : [];
        this.answer(0, hex);
        return true;
      }
      if (c.error) {
        this.answer(c.error);
        return true;
      }
      if (c.ended) {
        this.answer(-1);
        return true;
      }
      return false;
    };
    if (deliver()) return;
    c.wake = () => {
      if (deliver()) c.wake = undefined;
    };
  }
}
