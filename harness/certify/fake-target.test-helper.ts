import type { Capability } from '../requirements/requirement.ts';
import type { CertificationTarget } from '../targets/certification-target.ts';
import type { HttpTransport } from '../targets/http-transport.ts';
import { ReferenceApiClient } from '../targets/reference-api-client.ts';

/** A target whose API answers only getContractInfo, correctly: for runner tests that need no system. */
export const CONTRACT_INFO_TRANSPORT: HttpTransport = async (r) =>
  r.path === '/v1/contract'
    ? {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          contract: 'dactylo-reference-api',
          contractVersion: '1.0.0',
          implementation: 'fake',
          implementationVersion: '0.0.0',
        }),
      }
    : {
        status: 404,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ code: 'route-not-found', message: 'no such route', requestId: 'x' }),
      };

export function fakeTarget(
  capabilities: Capability[],
  transport: HttpTransport = CONTRACT_INFO_TRANSPORT,
): CertificationTarget {
  return {
    identity: {
      kind: 'http',
      name: 'fake',
      version: null,
      baseUrl: 'http://fake.invalid',
      configDigest: null,
    },
    capabilities: new Set(capabilities),
    contractVersion: '1.0.0',
    transport,
    client: () => new ReferenceApiClient({ transport }),
    token: () => undefined,
    close: async () => {},
  };
}
