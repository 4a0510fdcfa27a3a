import { generate } from 'selfsigned';

export interface TlsMaterial {
  /** The CA certificate clients trust (curl --cacert). */
  caCert: string;
  /** The server's key and certificate (PEM), signed by the CA. */
  key: string;
  cert: string;
}

/**
 * A private CA and a server certificate it signs, made at start (ECDSA P-256, SHA-256), for
 * `dactylo serve --tls`: the certificate names localhost, 127.0.0.1 and the host served on, and
 * lives 30 days. Nothing is written to disk unless the caller writes the CA certificate.
 */
export async function generateTlsMaterial(host: string, now = new Date()): Promise<TlsMaterial> {
  const notAfterDate = new Date(now.getTime() + 30 * 86_400_000);
  const ca = await generate([{ name: 'commonName', value: 'dactylo reference test CA' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const ipLike = /^[0-9.]+$|:/.test(host);
  const altNames: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
  ];
  if (host !== 'localhost' && host !== '127.0.0.1')
    altNames.push(ipLike ? { type: 7, ip: host } : { type: 2, value: host });
  const server = await generate([{ name: 'commonName', value: host }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { caCert: ca.cert, key: server.private, cert: server.cert };
}
