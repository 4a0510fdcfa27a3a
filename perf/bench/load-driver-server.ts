// The trivial endpoint of perf/bench/load-driver.ts, in its own process so that the server's CPU is
// not the benchmark's: GET /ping answers {"ok":true}. Reports its port to the parent over IPC.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/ping', async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (app.server.address() as { port: number }).port });
process.on('disconnect', () => {
  app.close().then(() => process.exit(0));
});
