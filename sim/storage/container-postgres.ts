/**
 * A real PostgreSQL for tests on machines that have a Docker engine but no DATABASE_URL: one container
 * per test process, started on first use through testcontainers and removed by its reaper when the
 * process ends. Where no engine answers, callers fall back to the embedded PGlite.
 */
const IMAGE = 'postgres:15-alpine';

let server: Promise<string | undefined> | undefined;

/** The container's connection URL, or undefined when no container engine is available. */
export function containerPostgresUrl(): Promise<string | undefined> {
  if (process.env.DACTYLO_TESTCONTAINERS === '0') return Promise.resolve(undefined);
  server ??= start();
  return server;
}

async function start(): Promise<string | undefined> {
  const tc = await import('testcontainers');
  try {
    await tc.getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  const container = await new tc.GenericContainer(IMAGE)
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'test' })
    .withExposedPorts(5432)
    // The entrypoint starts the server twice (initdb, then for real); the second start is the one to use.
    .withWaitStrategy(tc.Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/test`;
}
