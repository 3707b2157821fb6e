import net from 'node:net';
import { MAX_HEAD_BYTES, headEnd } from '../unix/requestHead.ts';

/**
 * The HTTP proxy that real mpremote's downloads go through (`http_proxy`/`https_proxy` in its
 * environment): CPython's urllib sends `CONNECT host:443` for https and an absolute-form
 * `GET http://host/path` for http. Each is handed to the loopback server as a shim connection
 * (`MIPRIG-CONNECT host port` first), so the same world answers it, logs it, and (for https)
 * presents a certificate for that host. Nothing is ever forwarded anywhere else.
 *
 * @example
 * const proxy = new HostProxy(() => ports.httpPort);
 * const url = await proxy.start();                  // http://127.0.0.1:PORT
 * // … run mpremote with http_proxy=https_proxy=url …
 * await proxy.stop();
 */
export class HostProxy {
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly sockets = new Set<net.Socket>();
  /** What went wrong with a client's request (a malformed or unsupported one), for the report. */
  readonly problems: string[] = [];
  private listening: Promise<string> | undefined;

  /** `loopbackPort`: the loopback server's HTTP port (the one that takes the preface). */
  constructor(private readonly loopbackPort: () => number) {}

  /** Listen on 127.0.0.1; resolves with the proxy's URL. Idempotent. */
  start(): Promise<string> {
    this.listening ??= new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`));
    });
    return this.listening;
  }

  /** Close every connection (between runs). */
  closeConnections(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.problems.length = 0;
  }

  /** Close the listener and every connection. Idempotent. */
  async stop(): Promise<void> {
    this.closeConnections();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  }

  private accept(client: net.Socket): void {
    this.track(client);
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = headEnd(buffered);
      if (end === -1) {
        if (buffered.length > MAX_HEAD_BYTES) this.refuse(client, 'a request head without an end');
        return;
      }
      client.off('data', onData);
      client.pause();
      const head = buffered.subarray(0, end).toString('latin1');
      const rest = buffered.subarray(end);
      const lineEnd = head.indexOf('\r\n');
      const [method = '', target = '', version = ''] = head.slice(0, lineEnd === -1 ? undefined : lineEnd).split(' ');
      if (method === 'CONNECT') {
        const colon = target.lastIndexOf(':');
        const host = target.slice(0, colon).replace(/^\[|\]$/g, '');
        const port = Number(target.slice(colon + 1));
        if (colon <= 0 || !Number.isInteger(port)) return this.refuse(client, `CONNECT ${target}`);
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        this.tunnel(client, host, port, rest);
        return;
      }
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        return this.refuse(client, `${method} ${target}`);
      }
      if (url.protocol !== 'http:') return this.refuse(client, `${method} ${target}`);
      // The origin-form request the server would have got without a proxy.
      const originHead = `${method} ${url.pathname}${url.search} ${version}${head.slice(lineEnd)}`;
      this.tunnel(client, url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || 80), Buffer.concat([Buffer.from(originHead, 'latin1'), rest]));
    };
    client.on('data', onData);
  }

  private tunnel(client: net.Socket, host: string, port: number, first: Buffer): void {
    const upstream = net.connect(this.loopbackPort(), '127.0.0.1');
    this.track(upstream);
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    upstream.write(`MIPRIG-CONNECT ${host} ${port}\r\n`);
    if (first.length) upstream.write(first);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private refuse(client: net.Socket, what: string): void {
    this.problems.push(`the proxy refused ${JSON.stringify(what.slice(0, 200))}: only CONNECT host:port and absolute http:// requests are proxied`);
    client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  }
}
