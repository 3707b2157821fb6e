import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';
import tls from 'node:tls';

/**
 * A certificate authority of miprig's own, made fresh in each process, and a certificate per host
 * it signs on demand: for clients that verify (CPython's urllib in mpremote), which trust it
 * through `SSL_CERT_FILE` and get a certificate naming the host they asked for. MicroPython's
 * installers verify nothing and keep the self-signed one (tlsCertificate.ts).
 *
 * Why @peculiar/x509 and not `selfsigned`: a CA-signed leaf needs Subject and Authority Key
 * Identifiers, which Python 3.13's default `VERIFY_X509_STRICT` requires and `selfsigned` does not
 * write.
 *
 * @example
 * const ca = await hostCertificates();
 * writeFileSync('ca.pem', ca.caPem);                 // SSL_CERT_FILE for the client
 * const context = await ca.contextFor('micropython.org');
 */
export interface HostCertificates {
  /** The authority's certificate (PEM), for the client's trust store. */
  readonly caPem: string;
  /** A TLS context presenting a certificate for `host` (a name or an IP address), signed by the authority. */
  contextFor(host: string): Promise<tls.SecureContext>;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
/** Valid from a day ago (clock skew) for ten days: a run never outlives it. */
const DAY_MS = 86_400_000;

let cached: Promise<HostCertificates> | undefined;

/** The process's authority, created on first use. */
export function hostCertificates(): Promise<HostCertificates> {
  cached ??= createAuthority();
  cached.catch(() => (cached = undefined));
  return cached;
}

async function createAuthority(): Promise<HostCertificates> {
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const keys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=miprig test authority (this run only)',
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 10 * DAY_MS),
    signingAlgorithm: ALGORITHM,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const contexts = new Map<string, Promise<tls.SecureContext>>();
  const issue = async (host: string): Promise<tls.SecureContext> => {
    const leafKeys = (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
    const leaf = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: `CN=${host.replace(/[,=+<>#;"\\]/g, '_')}`,
      issuer: ca.subject,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + 10 * DAY_MS),
      signingAlgorithm: ALGORITHM,
      publicKey: leafKeys.publicKey,
      signingKey: keys.privateKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([isIP(host) ? { type: 'ip', value: host } : { type: 'dns', value: host }]),
        await x509.AuthorityKeyIdentifierExtension.create(ca),
        await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
      ],
    });
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', leafKeys.privateKey)).toString('base64');
    const key = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
    return tls.createSecureContext({ key, cert: leaf.toString('pem') });
  };
  return {
    caPem: ca.toString('pem'),
    contextFor(host) {
      let context = contexts.get(host);
      if (!context) {
        context = issue(host);
        contexts.set(host, context);
      }
      return context;
    },
  };
}

function serial(): string {
  // Positive (high bit clear), 16 random bytes: what RFC 5280 asks of a serial number.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0]! &= 0x7f;
  return Buffer.from(bytes).toString('hex');
}
