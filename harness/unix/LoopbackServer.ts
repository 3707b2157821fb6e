import net from 'node:net';
import tls from 'node:tls';
import { performance } from 'node:perf_hooks';
import type { Network } from '../../src/net/Network.ts';
import type { WireRequest } from '../../src/net/wire.ts';
import { MAX_HEAD_BYTES, headEnd, hostWithoutPort, parseRequestHead } from './requestHead.ts';
import { LOOPBACK_CIPHERS, loopbackCertificates } from './tlsCertificate.ts';

/** One extra listener for a URL that names a port other than 80/443 (`https://host:8443/`). */
export interface ExtraPort {
  /** The port the installer asks `getaddrinfo` for. */
  port: number;
  scheme: 'http' | 'https';
}

export interface LoopbackServerOptions {
  /** Listeners besides the default HTTP (device port 80) and HTTPS (device port 443) ones. */
  extraPorts?: ExtraPort[];
  /**
   * For clients that verify certificates (mpremote's CPython): the TLS context for a connection
   * whose host is known (a `MIPRIG-CONNECT` preface), e.g. a certificate for that host signed by
   * a CA the client trusts (hostCertificates.ts). Without it, the self-signed one.
   */
  contextForHost?: (host: string) => Promise<tls.SecureContext>;
}

/** Where the listeners ended up. `portMap` is what the launcher's `getaddrinfo` needs. */
export interface LoopbackPorts {
  httpPort: number;
  httpsPort: number;
  /** Device port (80, 443, each extra port) → loopback port. */
  portMap: Record<number, number>;
}

/** Timing of one answered request, in milliseconds since the TCP connection was accepted. */
export interface RequestTiming {
  url: string;
  /** https only: when the TLS handshake completed. */
  handshakeMs?: number;
  /** When the last byte of the request head arrived (after the handshake for https). */
  headMs: number;
  /** When the response bytes were handed to the kernel. */
  writtenMs: number;
}

interface Listener {
  server: net.Server;
  scheme: 'http' | 'https';
  devicePort: number;
}

/**
 * A loopback HTTP + HTTPS server that answers every request from a {@link Network}, writing the
 * world's {@link EncodedResponse} bytes verbatim. Raw `net`/`tls` servers rather than `node:http`
 * because wire faults (wrong Content-Length, truncation, a connection that never closes, malformed
 * status lines) must reach the client byte-exact, and because the installers' HTTP/1.0 requests
 * arrive in many small writes that must be reassembled without any HTTP parser's opinions.
 *
 * One request per connection (the installers send `Connection: close` or HTTP/1.0). After the
 * response the socket is ended (`end: 'close'`) or left open (`end: 'hang'`); {@link stop} destroys
 * whatever is still open. One exchange is not HTTP: the launcher's DNS query
 * `MIPRIG-RESOLVE <host>\r\n\r\n` on the HTTP listener, answered `1` or `0` from
 * `Network.resolves` and never logged as a request.
 *
 * Latency (measured on this host's loopback, Node 20, `setNoDelay` on every server socket, one
 * `mip install <url>` per binary, launcher with `tcpNoDelay` on; ms after the TCP accept):
 *
 * | | TLS handshake done | request head complete | response written |
 * |---|---|---|---|
 * | HTTP, all versions | — | 0.2–0.6 | 1.0–1.4 |
 * | HTTPS v1.24.1 / v1.27.0 | 5.3–5.9 | +0.3 | +0.3 |
 * | HTTPS v1.19.1 (mbedTLS build) | 8–9.5 | +0.4 | +0.8 |
 * | HTTPS v1.20.0 / v1.22.2 | 26–42 | +0.3 | +0.5 |
 *
 * The server's own share (head complete → bytes handed to the kernel) is under 1 ms. The slow
 * v1.20/v1.22 handshakes are on the client side (mbedTLS 2.28 TLS 1.2 ECDHE/ECDSA on P-256,
 * not investigated further). Without TCP_NODELAY on the *client* socket every HTTPS request
 * waited ~40 ms more (Nagle on the installer's many small writes meets the server kernel's
 * delayed ACK: v1.27 went from ~95 ms to ~6 ms per request), hence the launcher's `tcpNoDelay`.
 * `timings` holds the numbers for each run.
 *
 * @example
 * const server = new LoopbackServer(world);
 * const { httpPort, httpsPort, portMap } = await server.start();
 * // … run the binary with a launcher that maps 443 → httpsPort, 80 → httpPort …
 * await server.stop();
 */
export class LoopbackServer {
  /** Per-request timings, in order of completion. */
  readonly timings: RequestTiming[] = [];
  /** Things that went wrong below HTTP: TLS handshake failures, unparsable heads, socket errors. */
  readonly problems: string[] = [];

  private readonly listeners: Listener[] = [];
  private readonly sockets = new Set<net.Socket>();
  private started: Promise<LoopbackPorts> | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    private network: Network,
    private readonly options: LoopbackServerOptions = {},
  ) {}

  /** True while any listener accepts connections. */
  get listening(): boolean {
    return this.listeners.some((l) => l.server.listening);
  }

  /** Sockets (TCP and TLS) not yet closed: a `hang` response keeps one here until {@link stop}. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /**
   * Bind every listener to 127.0.0.1 on a free port. Idempotent: a second call returns the same
   * ports. Throws if called after {@link stop}.
   */
  start(): Promise<LoopbackPorts> {
    if (this.stopping) {
      return Promise.reject(new Error('LoopbackServer.start() after stop(): create a new LoopbackServer for a new run'));
    }
    this.started ??= this.listenAll();
    return this.started;
  }

  /**
   * Destroy every open socket (including ones held by `hang` responses and unfinished TLS
   * handshakes) and close the listeners. Idempotent; safe before {@link start}.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      // A start() still binding must finish first, or its listeners would outlive stop().
      await this.started?.catch(() => undefined);
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
      await Promise.all(
        this.listeners.map(
          (l) =>
            new Promise<void>((resolve) => {
              if (!l.server.listening) return resolve();
              l.server.close(() => resolve());
            }),
        ),
      );
    })();
    return this.stopping;
  }

  /**
   * Answer later requests from another world. Lets a backend keep a started server for the next
   * scenario instead of opening two listeners per run; connections still open from the previous
   * run are closed first so nothing of it leaks into the next.
   *
   * @example
   * server.serveNetwork(await createWorld(nextScenario.spec.world));
   */
  serveNetwork(network: Network): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.timings.length = 0;
    this.problems.length = 0;
    this.network = network;
  }

  private async listenAll(): Promise<LoopbackPorts> {
    const wanted: ExtraPort[] = [
      { port: 80, scheme: 'http' },
      { port: 443, scheme: 'https' },
      ...(this.options.extraPorts ?? []),
    ];
    const seen = new Set<number>();
    const portMap: Record<number, number> = {};
    for (const { port, scheme } of wanted) {
      if (seen.has(port)) {
        throw new Error(`LoopbackServer: device port ${port} listed twice; one listener serves one device port`);
      }
      seen.add(port);
      const server = scheme === 'https' ? await this.createTlsServer(port) : this.createPlainServer(port);
      this.listeners.push({ server, scheme, devicePort: port });
      portMap[port] = await listen(server);
    }
    return { httpPort: portMap[80] as number, httpsPort: portMap[443] as number, portMap };
  }

  private createPlainServer(devicePort: number): net.Server {
    const server = net.createServer();
    server.on('connection', (socket) => {
      const acceptedAt = performance.now();
      this.track(socket, `TCP (device port ${devicePort})`);
      if (devicePort === 80) this.acceptPreface(socket, acceptedAt);
      else this.serve(socket, 'http', devicePort, acceptedAt, undefined);
    });
    return server;
  }

  /**
   * A connection on the HTTP listener: the LD_PRELOAD shim's (`MIPRIG-CONNECT <host> <port>\r\n`
   * first, then whatever the binary sends: TLS when its first byte is a handshake record, plain
   * HTTP otherwise), or a plain request from the launcher or a test.
   */
  private acceptPreface(raw: net.Socket, acceptedAt: number): void {
    let buffered: Buffer = Buffer.alloc(0);
    let connect: { host: string; port: number } | undefined;
    const onData = (chunk: Buffer): void => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      if (connect === undefined) {
        const known = Math.min(buffered.length, PREFACE.length);
        if (!buffered.subarray(0, known).equals(PREFACE.subarray(0, known))) return handOver(() => this.serve(raw, 'http', 80, acceptedAt, undefined));
        const nl = buffered.indexOf(0x0a);
        if (nl === -1) {
          if (buffered.length > 512) {
            this.problems.push('shim preface over 512 bytes without a line end; connection closed');
            raw.destroy();
          }
          return;
        }
        const [host, port] = buffered.subarray(PREFACE.length, nl).toString('latin1').trim().split(' ');
        connect = { host: host ?? '', port: Number(port) };
        buffered = buffered.subarray(nl + 1);
      }
      if (buffered.length === 0) return; // wait for the binary's first byte
      const { host, port } = connect;
      if (buffered[0] === TLS_HANDSHAKE_RECORD) {
        // Left paused: the TLSSocket wrapping `raw` reads the bytes given back first (node's
        // _tls_wrap initRead), then the handle.
        handOver(() => this.startTls(raw, port, acceptedAt, host), false);
      } else {
        handOver(() => this.serve(raw, 'http', port, acceptedAt, host));
      }
    };
    // Give the bytes read so far back to the stream, then let the next reader have them.
    const handOver = (next: () => void, resume = true): void => {
      raw.off('data', onData);
      raw.pause();
      if (buffered.length) raw.unshift(buffered);
      next();
      if (resume) raw.resume();
    };
    raw.on('data', onData);
  }

  private secureContext: Promise<tls.SecureContext> | undefined;

  /** EC and RSA certificates (see loopbackCertificates): mbedTLS gets ECDHE-ECDSA, axTLS RSA. */
  private tlsContext(): Promise<tls.SecureContext> {
    this.secureContext ??= loopbackCertificates().then(({ ec, rsa }) =>
      tls.createSecureContext({ key: [ec.key, rsa.key], cert: [ec.cert, rsa.cert], ciphers: LOOPBACK_CIPHERS }),
    );
    return this.secureContext;
  }

  /** Wrap a tracked TCP socket in TLS and serve one request over it. */
  private startTls(raw: net.Socket, devicePort: number, acceptedAt: number, host: string | undefined): void {
    const forHost = this.options.contextForHost;
    const context = forHost && host !== undefined ? forHost(host) : this.tlsContext();
    context.then((secureContext) => {
      if (raw.destroyed) return;
      const socket = new tls.TLSSocket(raw, { isServer: true, secureContext });
      this.track(socket, `TLS (device port ${devicePort})`);
      socket.once('secure', () => {
        const servername = typeof socket.servername === 'string' ? socket.servername : host;
        this.serve(socket, 'https', devicePort, acceptedAt, servername, performance.now() - acceptedAt);
      });
    }, (err: unknown) => {
      this.problems.push(`no TLS certificate for ${host ?? 'the connection'}: ${err instanceof Error ? err.message : String(err)}`);
      raw.destroy();
    });
  }

  private async createTlsServer(devicePort: number): Promise<net.Server> {
    await this.tlsContext();
    // A plain TCP listener whose sockets are wrapped by hand: the raw socket is tracked (so stop()
    // also ends connections stuck in the handshake) and timings start at the TCP accept.
    const server = net.createServer();
    server.on('connection', (raw) => {
      const acceptedAt = performance.now();
      this.track(raw, `TCP (TLS listener, device port ${devicePort})`);
      this.startTls(raw, devicePort, acceptedAt, undefined);
    });
    return server;
  }

  private track(socket: net.Socket, label: string): void {
    socket.setNoDelay(true);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    // Socket errors must never become uncaught exceptions in the harness.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      // A client closing with unread data (upip stops at the tar end marker) resets: not a fault.
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return;
      this.problems.push(`${label}: ${err.message}`);
    });
  }

  private serve(
    socket: net.Socket,
    scheme: 'http' | 'https',
    devicePort: number,
    acceptedAt: number,
    servername: string | undefined,
    handshakeMs?: number,
  ): void {
    let buffered = Buffer.alloc(0);
    let answered = false;
    const onData = (chunk: Buffer): void => {
      if (answered) return; // One request per connection; anything after the head is ignored.
      buffered = Buffer.concat([buffered, chunk]);
      const end = headEnd(buffered);
      if (end === -1) {
        if (buffered.length > MAX_HEAD_BYTES) {
          answered = true;
          this.problems.push(`request head over ${MAX_HEAD_BYTES} bytes without a blank line; connection closed`);
          socket.destroy();
        }
        return;
      }
      answered = true;
      socket.off('data', onData);
      const head = buffered.subarray(0, end).toString('latin1');
      if (head.startsWith(RESOLVE_QUERY)) {
        this.answerResolve(socket, head.slice(RESOLVE_QUERY.length).trim()).catch((err: unknown) => {
          this.problems.push(`answering a DNS query failed: ${err instanceof Error ? err.message : String(err)}`);
          socket.destroy();
        });
        return;
      }
      const headMs = performance.now() - acceptedAt;
      void this.answer(socket, head, scheme, devicePort, servername)
        .then((url) => {
          if (url === undefined) return;
          const writtenMs = performance.now() - acceptedAt;
          this.timings.push(handshakeMs === undefined ? { url, headMs, writtenMs } : { url, handshakeMs, headMs, writtenMs });
        })
        .catch((err: unknown) => {
          this.problems.push(`answering a request failed: ${err instanceof Error ? err.message : String(err)}`);
          socket.destroy();
        });
    };
    socket.on('data', onData);
  }

  /**
   * The launcher's DNS query (`MIPRIG-RESOLVE <host>`, sent only when the world declares a DNS
   * fault): `1` when the host resolves, `0` when a fault makes it fail. Never logged as a request.
   */
  private async answerResolve(socket: net.Socket, host: string): Promise<void> {
    await this.network.ready?.();
    if (!socket.destroyed) socket.end(this.network.resolves(host) ? '1' : '0');
  }

  /** Route one request through the network and write its bytes. Resolves to the URL, or undefined. */
  private async answer(
    socket: net.Socket,
    head: string,
    scheme: 'http' | 'https',
    devicePort: number,
    servername: string | undefined,
  ): Promise<string | undefined> {
    let parsed;
    try {
      parsed = parseRequestHead(head);
    } catch (err) {
      this.problems.push(err instanceof Error ? err.message : String(err));
      socket.destroy();
      return undefined;
    }
    const hostHeader = parsed.headers.find(([name]) => name.toLowerCase() === 'host')?.[1];
    // Without a Host header the SNI name is the next best statement of intent.
    const host = hostHeader !== undefined ? hostWithoutPort(hostHeader) : (servername ?? '127.0.0.1');
    const path = parsed.target;
    const url = /^https?:\/\//i.test(path) ? path : `${scheme}://${host}${path.startsWith('/') ? '' : '/'}${path}`;
    const request: WireRequest = {
      method: parsed.method,
      url,
      scheme,
      host,
      port: devicePort,
      path,
      headers: parsed.headers,
      httpVersion: parsed.httpVersion,
    };
    const response = await this.network.exchange(request);
    if (socket.destroyed) return url; // The client gave up (or stop() ran) while the world answered.
    // Bytes and FIN in one go for a closing response: the installers read to EOF, so a FIN sent
    // a turn of the event loop later (after a write callback) would be waited for.
    await new Promise<void>((resolve) => {
      if (response.end === 'close') socket.end(response.bytes, () => resolve());
      else if (response.end === 'reset') {
        // RST instead of FIN. Only plain TCP sockets can: the world resets only plain requests.
        socket.resetAndDestroy();
        resolve();
      }
      else socket.write(response.bytes, () => resolve());
    });
    return url;
  }
}

/** First line the LD_PRELOAD shim sends on every connection it redirects. */
const PREFACE = Buffer.from('MIPRIG-CONNECT ', 'latin1');
/** Content type of a TLS handshake record: the first byte of every ClientHello. */
const TLS_HANDSHAKE_RECORD = 0x16;

/** First bytes of the launcher's DNS query; no HTTP method looks like it. */
const RESOLVE_QUERY = 'MIPRIG-RESOLVE ';

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error(`LoopbackServer: listener reports address ${String(address)}, expected a TCP port`));
        return;
      }
      resolve(address.port);
    });
  });
}
