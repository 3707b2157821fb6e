import tls from 'node:tls';

/** A PEM key pair for the loopback HTTPS listener. */
export interface LoopbackCertificate {
  key: string;
  cert: string;
}

/** Both certificates the HTTPS side presents; OpenSSL picks one per handshake from the client's suites. */
export interface LoopbackCertificates {
  ec: LoopbackCertificate;
  rsa: LoopbackCertificate;
}

// One certificate per process: generating a key costs milliseconds to tens of milliseconds and
// every installer accepts any certificate, so there is nothing to gain from a fresh one per run.
let cached: Promise<LoopbackCertificate> | undefined;

/**
 * The self-signed certificate (CN `localhost`) the loopback HTTPS listener presents, generated
 * once per process and cached.
 *
 * Why EC P-256 and not RSA: the stock v1.20.0 and v1.22.2 builds disable
 * `MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED`, so against an RSA certificate they can only use plain
 * RSA key exchange, which OpenSSL 3 (and therefore Node) no longer offers by default; the
 * handshake then fails with `MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE`. An ECDSA certificate gives
 * ECDHE-ECDSA suites every mbedTLS build in 1.19.1–1.27.0 accepts (only the axTLS 1.19.1 build
 * cannot do ECDHE at all).
 *
 * @example
 * const { key, cert } = await loopbackCertificate();
 * tls.createServer({ key, cert });
 */
export function loopbackCertificate(): Promise<LoopbackCertificate> {
  cached ??= selfSigned({ keyType: 'ec', curve: 'P-256' });
  // A failed generation must not poison the cache for the rest of the process.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

let cachedRsa: Promise<LoopbackCertificate> | undefined;

/**
 * The EC certificate of {@link loopbackCertificate} plus an RSA-2048 one, for TLS libraries that
 * cannot do ECDHE: axTLS (v1.19.1's default build) offers only RSA key exchange
 * (`AES128-SHA`, `AES256-SHA`, `AES128-SHA256`, `AES256-SHA256`), and against EC-only certificates
 * upip prints `Error installing '…': -40`. With both, OpenSSL answers each client with the
 * certificate its suites can use: mbedTLS builds keep getting ECDHE-ECDSA.
 *
 * @example
 * const { ec, rsa } = await loopbackCertificates();
 * tls.createSecureContext({ key: [ec.key, rsa.key], cert: [ec.cert, rsa.cert], ciphers: LOOPBACK_CIPHERS });
 */
export async function loopbackCertificates(): Promise<LoopbackCertificates> {
  cachedRsa ??= selfSigned({ keyType: 'rsa', keySize: 2048 });
  cachedRsa.catch(() => {
    cachedRsa = undefined;
  });
  const [ec, rsa] = await Promise.all([loopbackCertificate(), cachedRsa]);
  return { ec, rsa };
}

/**
 * Node's default suites plus the RSA-key-exchange ones axTLS knows. OpenSSL 3 still implements
 * them; Node's default list leaves them out.
 */
export const LOOPBACK_CIPHERS = `${tls.DEFAULT_CIPHERS}:AES128-SHA:AES256-SHA:AES128-SHA256:AES256-SHA256`;

/**
 * A self-signed certificate for `localhost` and 127.0.0.1 with this key. `selfsigned` (and the
 * WebCrypto polyfills it loads, ~0.2 s) is imported only when a TLS listener first needs one.
 */
async function selfSigned(key: { keyType: 'ec'; curve: 'P-256' } | { keyType: 'rsa'; keySize: number }): Promise<LoopbackCertificate> {
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    ...key,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
