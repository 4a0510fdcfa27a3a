import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrolmentLog } from '../../../sim/matcher/distributed/enrolment-log.ts';
import { identifyDistributed } from '../../../sim/matcher/distributed/scatter-gather.ts';
import {
  templateOnlyEntry,
  templateOnlyProbe,
} from '../../../sim/matcher/identification/synthetic-gallery.ts';

const CLI = fileURLToPath(new URL('../dactylo.mjs', import.meta.url));
const SEED = 'shard-cli-test';

/** Starts `dactylo shard serve` and resolves once it prints its ready line. */
function startShard(index: number, shards: number, prefix: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [CLI, 'shard', 'serve', '--index', `${index}`, '--shards', `${shards}`, '--prefix', prefix],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      expect(JSON.parse(line)).toMatchObject({ ready: true, shard: index, shards });
      resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`shard ${index} exited with ${code} before it was ready`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('dactylo shard serve (separate processes over NATS JetStream)', () => {
  let nc: NatsConnection;
  let log: EnrolmentLog;
  const prefix = `cli-${process.pid}-${Date.now()}`;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: '127.0.0.1:4222' });
    log = await EnrolmentLog.open(nc, { prefix, shards: 2 });
    await Promise.all(Array.from({ length: 60 }, (_, i) => log.publish(templateOnlyEntry(SEED, i))));
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await log?.destroy();
    await nc?.close();
  });

  it('survives a killed shard: partial while it is down, complete once it has replayed the stream', async () => {
    children.push(await startShard(0, 2, prefix), await startShard(1, 2, prefix));
    const whole = await identifyDistributed(nc, templateOnlyProbe(SEED, 12), {
      prefix,
      shards: 2,
      deadlineMs: 20_000,
    });
    expect(whole.partial).toBe(false);
    expect(whole.galleryEntries).toBe(60);
    expect(whole.candidates[0].subjectId).toBe('subject-12');

    const killed = children[1];
    killed.kill('SIGKILL');
    await exited(killed);
    const logged = await log.publish(templateOnlyEntry(SEED, 77));
    const down = await identifyDistributed(nc, templateOnlyProbe(SEED, 12), {
      prefix,
      shards: 2,
      deadlineMs: 20_000,
    });
    expect(down.partial).toBe(true);
    expect(down.shards.map((s) => s.status).sort()).toEqual(['missing', 'ok']);

    children[1] = await startShard(1, 2, prefix);
    const back = await identifyDistributed(nc, templateOnlyProbe(SEED, 77), {
      prefix,
      shards: 2,
      deadlineMs: 20_000,
      awaitSeq: new Map([[logged.shard, logged.seq]]),
    });
    expect(back.partial).toBe(false);
    expect(back.galleryEntries).toBe(61);
    expect(back.candidates[0].subjectId).toBe('subject-77');
  }, 60_000);

  it('stops cleanly on SIGTERM', async () => {
    const c = children[0];
    c.kill('SIGTERM');
    expect(await exited(c)).toBe(0);
  });
});
