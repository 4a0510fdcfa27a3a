import Fastify, { type FastifyInstance } from 'fastify';
import type { LoadData } from './load-data.ts';
import type { LoadProfile } from './load-profile.ts';

/** A fastify server on loopback answering GET /v1/health, optionally holding answers back for a while. */
export async function tinyServer(o: { stall?: (receivedAt: number) => number } = {}): Promise<{
  app: FastifyInstance;
  url: string;
  received: () => number;
}> {
  const app = Fastify();
  let received = 0;
  app.get('/v1/health', async () => {
    received++;
    const wait = o.stall?.(performance.now()) ?? 0;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return { status: 'ok' };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return { app, url: `http://127.0.0.1:${port}`, received: () => received };
}

/** A profile of GET /v1/health at a constant rate. */
export function healthProfile(ratePerS: number, durationS: number, maxInFlight = 1000): LoadProfile {
  return {
    name: 'health-test',
    description: 'GET /v1/health at a constant rate',
    durationS,
    mix: [{ operationId: 'getHealth', weight: 1 }],
    arrival: { model: 'constant', ratePerS },
    objectives: { p99Ms: 200, errorRate: 0.01 },
    limits: { maxInFlight, requestTimeoutMs: 5000, gracefulStopS: 3 },
  };
}

/** The prepared data for healthProfile: one public request. */
export const HEALTH_DATA: LoadData = {
  manifest: {
    kind: 'dactylo-load-data',
    version: 'test',
    seed: 'test',
    profile: 'health-test',
    contract: { title: 'test', version: 'test' },
    applicationDate: '2025-01-01',
    operations: {
      getHealth: { method: 'GET', path: '/v1/health', role: null, file: 'getHealth.ndjson', count: 1 },
    },
    setup: null,
  },
  files: new Map([['getHealth.ndjson', [{}]]]),
};
