import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, describe, expect, it } from 'vitest';
import { EnrolmentLog, type LoggedEnrolment } from '../../sim/matcher/distributed/enrolment-log.ts';
import { identifyDistributed } from '../../sim/matcher/distributed/scatter-gather.ts';
import { templateOnlyEntry, templateOnlyProbe } from '../../sim/matcher/identification/synthetic-gallery.ts';
import { TcpFaultProxy } from './tcp-fault-proxy.ts';

const CLI = fileURLToPath(new URL('../../harness/cli/dactylo.mjs', import.meta.url));
const SEED = 'shard-faults';
const ENROLMENTS = 300;

function startShard(index: number, prefix: string, nats: string): Promise<ChildProcess> {
  const args = [
    CLI,
    'shard',
    'serve',
    '--index',
    `${index}`,
    '--shards',
    '2',
    '--prefix',
    prefix,
    '--nats',
    nats,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`shard ${index} exited with ${code} before it was ready`)));
  });
}

/**
 * Faults while enrolments stream in: shard 1 is killed and restarted, and shard 0 loses its NATS connection
 * for a while. Every enrolment the log acknowledged must be searchable afterwards, exactly once.
 */
describe('distributed matcher under faults', () => {
  let nc: NatsConnection | undefined;
  let log: EnrolmentLog | undefined;
  let proxy: TcpFaultProxy | undefined;
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await proxy?.close();
    await log?.destroy();
    await nc?.close();
  });

  it('loses no acknowledged enrolment when a shard is killed and another is cut off from NATS', async () => {
    const prefix = `faults-${process.pid}-${Date.now()}`;
    nc = await connect({ servers: '127.0.0.1:4222' });
    log = await EnrolmentLog.open(nc, { prefix, shards: 2 });
    proxy = await TcpFaultProxy.start({ targetPort: 4222 });
    children[0] = await startShard(0, prefix, `127.0.0.1:${proxy.port}`);
    children[1] = await startShard(1, prefix, '127.0.0.1:4222');

    const acked: LoggedEnrolment[] = [];
    for (let i = 0; i < ENROLMENTS; i += 10) {
      if (i === 60) children[1].kill('SIGKILL');
      if (i === 120) proxy.cut();
      if (i === 180) children[1] = await startShard(1, prefix, '127.0.0.1:4222');
      if (i === 240) proxy.restore();
      const batch = Array.from({ length: 10 }, (_, k) => templateOnlyEntry(SEED, i + k));
      acked.push(...(await Promise.all(batch.map((e) => log!.publish(e)))));
    }
    // A retried publish of an acknowledged enrolment must not add a second copy.
    acked.push(await log.publish(templateOnlyEntry(SEED, 5)));
    expect(acked.at(-1)!.duplicate).toBe(true);

    const awaitSeq = new Map<number, number>();
    for (const a of acked) awaitSeq.set(a.shard, Math.max(awaitSeq.get(a.shard) ?? 0, a.seq));
    // A shard still reconnecting is reported missing; recovery is the time until every shard answers fresh.
    const restored = performance.now();
    let found = await identifyDistributed(nc, templateOnlyProbe(SEED, 130), {
      prefix,
      shards: 2,
      awaitSeq,
      deadlineMs: 10_000,
    });
    while (found.partial && performance.now() - restored < 30_000) {
      await new Promise((r) => setTimeout(r, 200));
      found = await identifyDistributed(nc, templateOnlyProbe(SEED, 130), {
        prefix,
        shards: 2,
        awaitSeq,
        deadlineMs: 10_000,
      });
    }
    expect(found.partial, JSON.stringify(found.shards)).toBe(false);
    expect(found.galleryEntries).toBe(ENROLMENTS);
    for (const i of [130, 150, 170]) {
      const r = await identifyDistributed(nc, templateOnlyProbe(SEED, i), {
        prefix,
        shards: 2,
        awaitSeq,
        deadlineMs: 10_000,
      });
      expect(r.candidates[0].subjectId).toBe(`subject-${i}`);
    }
  }, 120_000);
});
