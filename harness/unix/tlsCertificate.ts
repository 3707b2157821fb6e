import { generate } from 'selfsigned';

/** A PEM key pair for the loopback HTTPS listener. */
export interface LoopbackCertificate {
  key: string;
  cert: string;
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
  cached ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  // A failed generation must not poison the cache for the rest of the process.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
