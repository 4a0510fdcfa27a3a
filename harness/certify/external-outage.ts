import type { ExternalServices } from '../../sim/reference/external-services.ts';

/** What a call to a downed external service fails with (as a timed-out HTTP client would). */
export class ExternalServiceOutage extends Error {
  override name = 'ExternalServiceOutage';
}

export interface OutageSwitch {
  services: ExternalServices;
  set(down: boolean): void;
}

/**
 * The population register, document issuer and SMS gateway behind one switch: while it is down
 * every call fails, so reliability suites can check that an enrolment caught mid-outage is neither
 * lost nor half-written, and completes once the services heal.
 */
export function outageSwitch(inner: ExternalServices): OutageSwitch {
  let down = false;
  const guard = (service: string) => {
    if (down) throw new ExternalServiceOutage(`${service} did not answer (simulated outage)`);
  };
  return {
    set(d) {
      down = d;
    },
    services: {
      populationRegister: {
        confirmIin: async (iin) => {
          guard('the population register');
          return inner.populationRegister.confirmIin(iin);
        },
      },
      documentIssuer: {
        issue: async (r) => {
          guard('the document issuer');
          return inner.documentIssuer.issue(r);
        },
      },
      notifications: {
        send: async (n) => {
          guard('the SMS gateway');
          return inner.notifications.send(n);
        },
      },
    },
  };
}
