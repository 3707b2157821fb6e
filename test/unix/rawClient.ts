import net from 'node:net';
import tls from 'node:tls';

/**
 * Connect to a loopback listener, send `chunks` as separate writes (with a pause between them so
 * they really arrive apart), and collect everything until the server closes.
 */
export async function rawExchange(
  port: number,
  chunks: Array<string | Uint8Array>,
  options: { tls?: boolean; servername?: string; pauseMs?: number } = {},
): Promise<Buffer> {
  const socket = options.tls
    ? tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, servername: options.servername ?? 'localhost' })
    : net.connect({ host: '127.0.0.1', port });
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once(options.tls ? 'secureConnect' : 'connect', () => resolve());
    socket.once('error', reject);
  });
  const received: Buffer[] = [];
  socket.on('data', (d: Buffer) => received.push(d));
  const closed = new Promise<void>((resolve, reject) => {
    socket.once('close', () => resolve());
    socket.once('error', reject);
  });
  for (const chunk of chunks) {
    socket.write(chunk);
    if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
  }
  await closed;
  return Buffer.concat(received);
}
