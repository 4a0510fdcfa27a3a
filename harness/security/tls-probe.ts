import net from 'node:net';
import tls from 'node:tls';
import type { SuiteEvidence } from '../certify/certification-suite.ts';
import type { CertificationTarget, TlsEndpoint } from '../targets/certification-target.ts';
import { evidence } from './security-fixtures.ts';

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
const VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const REQUIRED_REFUSED: ReadonlySet<TlsVersion> = new Set(['TLSv1', 'TLSv1.1']);
/** OpenSSL 3 offers TLS 1.0/1.1 only at security level 0 (their SHA-1 based signatures). */
const LEGACY_CIPHERS = 'DEFAULT@SECLEVEL=0';
const TIMEOUT_MS = 10_000;

export interface Handshake {
  version: TlsVersion;
  ok: boolean;
  /** The negotiated protocol, or the error code. */
  result: string;
}

/** One handshake offering exactly `version`; resolves, never rejects. */
export function handshake(
  endpoint: Pick<TlsEndpoint, 'host' | 'port' | 'caCert'>,
  version: TlsVersion,
): Promise<Handshake> {
  return new Promise((resolve) => {
    const done = (ok: boolean, result: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ version, ok, result });
    };
    const socket = tls.connect({
      host: endpoint.host,
      port: endpoint.port,
      ca: endpoint.caCert,
      servername: net.isIP(endpoint.host) ? undefined : endpoint.host,
      minVersion: version,
      maxVersion: version,
      ciphers: LEGACY_CIPHERS,
    });
    const timer = setTimeout(() => done(false, 'timeout'), TIMEOUT_MS);
    socket.once('secureConnect', () => done(true, socket.getProtocol() ?? 'unknown'));
    socket.once('error', (e: NodeJS.ErrnoException) => done(false, e.code ?? e.message));
  });
}

/** What a plain-HTTP request to the TLS port gets back: the status line, or how the socket ended. */
export function plainHttpRequest(endpoint: Pick<TlsEndpoint, 'host' | 'port'>): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const finish = (how: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received ? received.split('\r\n')[0] : how);
    };
    const socket = net.connect({ host: endpoint.host, port: endpoint.port }, () =>
      socket.write(`GET /v1/health HTTP/1.1\r\nHost: ${endpoint.host}\r\nConnection: close\r\n\r\n`),
    );
    const timer = setTimeout(() => finish('no answer'), TIMEOUT_MS);
    socket.on('data', (d) => {
      received += d.toString('latin1');
    });
    socket.once('end', () => finish('closed'));
    socket.once('close', () => finish('closed'));
    socket.once('error', (e: NodeJS.ErrnoException) => finish(e.code ?? e.message));
  });
}

/** A plain-HTTP answer counts as served when it is an HTTP status line below 400. */
export function servedInPlain(answer: string): boolean {
  const m = answer.match(/^HTTP\/\d(?:\.\d)? (\d{3})/);
  return m !== null && Number(m[1]) < 400;
}

/**
 * Whether this harness can offer `version` at all: a handshake against a throw-away local server
 * that accepts everything. If not, a refusal by the target would prove nothing.
 */
export async function harnessCanOffer(
  version: TlsVersion,
  material: { key: string; cert: string; caCert: string },
): Promise<boolean> {
  const server = tls.createServer(
    { key: material.key, cert: material.cert, minVersion: 'TLSv1', ciphers: LEGACY_CIPHERS },
    (s) => s.end(),
  );
  server.on('tlsClientError', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address() as net.AddressInfo;
  try {
    return (await handshake({ host: '127.0.0.1', port: address.port, caCert: material.caCert }, version)).ok;
  } finally {
    await new Promise((r) => server.close(r));
  }
}

/**
 * SEC-TLS-01: a plain HTTP request to the TLS port is not served; TLS 1.0 and 1.1 handshakes fail
 * while 1.2 and 1.3 succeed. A version this harness cannot offer is not judged (skipped with the
 * reason, never passed).
 */
export async function tlsProbe(
  target: CertificationTarget,
  selfTest: (v: TlsVersion) => Promise<boolean>,
): Promise<SuiteEvidence[]> {
  const endpoint = target.tls;
  const base = target.identity.baseUrl;
  if (base?.startsWith('http://'))
    return [
      evidence.fail('security/plain-http', `the API is configured at ${base}: served over plain HTTP`),
      evidence.skipped('security/tls-versions', 'no TLS endpoint', 'the API base URL is plain http://'),
    ];
  if (!endpoint)
    return ['security/plain-http', 'security/tls-versions'].map((t) =>
      evidence.skipped(t, 'no TLS endpoint to probe', 'the target gives the harness no TLS host and port'),
    );
  const plain = await plainHttpRequest(endpoint);
  const plainEvidence = servedInPlain(plain)
    ? evidence.fail(
        'security/plain-http',
        `a plain HTTP request to ${endpoint.host}:${endpoint.port} was served: ${plain}`,
        {
          details: { answer: plain },
        },
      )
    : evidence.pass('security/plain-http', `a plain HTTP request to the TLS port was not served (${plain})`, {
        details: { answer: plain },
      });
  const shakes: Handshake[] = [];
  const untestable: TlsVersion[] = [];
  for (const v of VERSIONS) {
    if (REQUIRED_REFUSED.has(v) && !(await selfTest(v))) untestable.push(v);
    shakes.push(await handshake(endpoint, v));
  }
  const wrong = shakes.filter(
    (h) => !untestable.includes(h.version) && h.ok === REQUIRED_REFUSED.has(h.version),
  );
  const details = { handshakes: shakes, untestable };
  let versions: SuiteEvidence;
  if (wrong.length > 0)
    versions = evidence.fail(
      'security/tls-versions',
      wrong.map((h) => `${h.version} ${h.ok ? 'accepted' : `refused (${h.result})`}`).join('; '),
      { details },
    );
  else if (untestable.length > 0)
    versions = evidence.skipped(
      'security/tls-versions',
      `${untestable.join(', ')} could not be offered by this harness`,
      `this Node's OpenSSL refuses to offer ${untestable.join(', ')} even at SECLEVEL=0, so a refusal by the target proves nothing`,
      { details },
    );
  else
    versions = evidence.pass(
      'security/tls-versions',
      shakes.map((h) => `${h.version} ${h.ok ? 'accepted' : 'refused'}`).join(', '),
      { details },
    );
  return [plainEvidence, versions];
}
