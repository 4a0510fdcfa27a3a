import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Gallery, type GalleryEntry } from '../identification/gallery.ts';
import { Identifier } from '../identification/identify.ts';
import { templateOnlyEntry, templateOnlyProbe } from '../identification/synthetic-gallery.ts';
import { decodeIsoTemplate, encodeIsoTemplate } from '../iso19794-2.ts';
import { EnrolmentLog } from './enrolment-log.ts';
import { MatcherShard } from './matcher-shard.ts';
import { identifyDistributed } from './scatter-gather.ts';

// NATS with JetStream runs on 127.0.0.1:4222 on every machine of this project, CI included.
const NATS_URL = process.env.NATS_URL ?? '127.0.0.1:4222';
const SEED = 'distributed-test';
const SHARDS = 2;
/** Generous: under a loaded CI machine the first search also builds each shard's index. */
const DEADLINE = 20_000;

/** The entry as it travels: ISO 19794-2 rounds coordinates and angles. */
function asLogged(e: GalleryEntry): GalleryEntry {
  return { ...e, template: decodeIsoTemplate(encodeIsoTemplate({ ...e.template, position: e.position })) };
}

describe('distributed 1:N over NATS JetStream', () => {
  let nc: NatsConnection;
  let log: EnrolmentLog;
  const prefix = `test-${process.pid}-${Date.now()}`;
  const entries = Array.from({ length: 120 }, (_, i) => templateOnlyEntry(SEED, i));
  const shards: (MatcherShard | undefined)[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: NATS_URL });
    log = await EnrolmentLog.open(nc, { prefix, shards: SHARDS });
    for (const e of entries) await log.publish(e);
    for (let s = 0; s < SHARDS; s++)
      shards[s] = await MatcherShard.start({ nats: nc, shard: s, shards: SHARDS, prefix });
  });

  afterAll(async () => {
    for (const s of shards) await s?.stop();
    await log?.destroy();
    await nc?.close();
  });

  it('partitions the gallery and finds the same best candidates as one gallery would', async () => {
    expect(shards.reduce((n, s) => n + (s?.entries ?? 0), 0)).toBe(entries.length);
    expect(Math.min(...shards.map((s) => s!.entries))).toBeGreaterThan(30);
    const whole = await Identifier.open(Gallery.build(entries.map(asLogged)), { workers: 0 });
    try {
      for (const i of [0, 7, 55, 119]) {
        const probe = decodeIsoTemplate(encodeIsoTemplate(templateOnlyProbe(SEED, i)));
        const d = await identifyDistributed(nc, probe, {
          prefix,
          shards: SHARDS,
          topK: 3,
          deadlineMs: DEADLINE,
        });
        const one = await whole.identify(probe, { topK: 3 });
        expect(d.partial).toBe(false);
        expect(d.galleryEntries).toBe(entries.length);
        expect(d.candidates[0].subjectId).toBe(`subject-${i}`);
        expect(d.candidates[0].subjectId).toBe(one.candidates[0].subjectId);
        expect(d.candidates[0].score).toBeCloseTo(one.candidates[0].score, 9);
      }
    } finally {
      await whole.close();
    }
  });

  it('applies a re-sent enrolment once and lets a new capture replace the old template', async () => {
    const before = shards.reduce((n, s) => n + s!.entries, 0);
    const again = await log.publish(entries[3]);
    expect(again.duplicate).toBe(true);
    const recapture = { ...entries[3], template: templateOnlyProbe(SEED, 3) };
    const logged = await log.publish(recapture);
    const probe = templateOnlyProbe(SEED, 3);
    const d = await identifyDistributed(nc, probe, {
      prefix,
      shards: SHARDS,
      topK: 5,
      deadlineMs: DEADLINE,
      awaitSeq: new Map([[logged.shard, logged.seq]]),
    });
    expect(d.partial).toBe(false);
    expect(shards.reduce((n, s) => n + s!.entries, 0)).toBe(before);
    expect(d.candidates.filter((c) => c.subjectId === 'subject-3')).toHaveLength(1);
  });

  it('says the result is partial while a shard is down, and the shard catches up when it restarts', async () => {
    await shards[1]!.stop();
    shards[1] = undefined;
    const late = templateOnlyEntry(SEED, 500);
    const logged = await log.publish(late);
    const probe = templateOnlyProbe(SEED, 500);
    const down = await identifyDistributed(nc, probe, { prefix, shards: SHARDS, deadlineMs: DEADLINE });
    expect(down.partial).toBe(true);
    expect(down.shards[1].status).toBe('missing');
    expect(down.shards[0].status).toBe('ok');

    shards[1] = await MatcherShard.start({ nats: nc, shard: 1, shards: SHARDS, prefix });
    const up = await identifyDistributed(nc, probe, {
      prefix,
      shards: SHARDS,
      deadlineMs: DEADLINE,
      awaitSeq: new Map([[logged.shard, logged.seq]]),
    });
    expect(up.partial).toBe(false);
    expect(up.candidates[0].subjectId).toBe('subject-500');
  });

  it('marks a shard that has not applied the awaited enrolment as stale, never as a clean answer', async () => {
    const d = await identifyDistributed(nc, templateOnlyProbe(SEED, 1), {
      prefix,
      shards: SHARDS,
      deadlineMs: 10_000,
      awaitSeq: new Map([[0, 1e9]]),
    });
    expect(d.shards[0].status).toBe('stale');
    expect(d.partial).toBe(true);
  });

  it('refuses a shard configured for another shard count', async () => {
    const d = await identifyDistributed(nc, templateOnlyProbe(SEED, 1), {
      prefix,
      shards: 1,
      deadlineMs: DEADLINE,
    });
    expect(d.shards[0].status).toBe('error');
    expect(d.shards[0].detail).toMatch(/configured with 1/);
  });
});
