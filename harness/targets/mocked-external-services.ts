import { setupServer } from 'msw/node';
import type { ExternalServices } from '../../sim/reference/external-services.ts';
import { httpExternalServices } from '../../sim/services/external/http-external-services.ts';
import { healthyExternalServices, MOCK_URLS } from './external-services-mock.ts';

// msw patches the process's HTTP stack once; every in-process target of the process shares that
// interceptor (a second deployment included), and it is removed when the last target closes.
let server: ReturnType<typeof setupServer> | undefined;
let users = 0;

/**
 * The population register, document issuer and SMS gateway an in-process reference calls, as the
 * deployed system calls them: real HTTP clients (timeouts, bounded retries, protocol checks)
 * answered by msw handlers that behave like the healthy services. Requests to anything else
 * (the scanner device API, a vendor target) pass through untouched.
 */
export function mockedExternalServices(): { services: ExternalServices; release(): void } {
  if (!server) {
    const s = setupServer(...healthyExternalServices().handlers);
    s.listen({ onUnhandledRequest: 'bypass' });
    server = s;
  }
  users++;
  let released = false;
  return {
    services: httpExternalServices({ ...MOCK_URLS }),
    release() {
      if (released) return;
      released = true;
      users--;
      if (users === 0) {
        server?.close();
        server = undefined;
      }
    },
  };
}
