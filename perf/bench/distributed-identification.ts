/**
 * Distributed 1:N benchmark: matcher shards as separate processes coordinated over NATS JetStream
 * (127.0.0.1:4222). For 1, 2 and 4 shard processes on one machine it measures the enrolment log's
 * publish rate, the time until every shard process has started and replayed its part of the stream, and scatter–gather identification latency
 * (p50/p99, one search at a time) and throughput (several in flight), then extrapolates what a national
 * gallery of 20 million residents × 10 fingers needs from the measured per-shard figures.
 *
 *   node harness/cli/run-ts.mjs perf/bench/distributed-identification.ts [--entries N] [--probes N]
 *       [--shards 1,2,4] [--concurrency C] [--seed S]
 *
 * Gallery entries are template-only synthetic fingers (sim/fingerprints/template-only.ts); probes are
 * a second impression of entries spread over the gallery.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import { EnrolmentLog } from '../../sim/matcher/distributed/enrolment-log.ts';
import { identifyDistributed } from '../../sim/matcher/distributed/scatter-gather.ts';
import { Gallery, type GalleryEntry } from '../../sim/matcher/identification/gallery.ts';
import { templateOnlyEntry, templateOnlyProbe } from '../../sim/matcher/identification/synthetic-gallery.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const seed = arg('--seed', 'bench-distributed');
const entryCount = Number(arg('--entries', '100000'));
const probeCount = Number(arg('--probes', '40'));
const concurrency = Number(arg('--concurrency', '4'));
const shardCounts = arg('--shards', '1,2,4').split(',').map(Number);
const CLI = fileURLToPath(new URL('../../harness/cli/dactylo.mjs', import.meta.url));
const NATIONAL = 20_000_000 * 10;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function startShard(index: number, shards: number, prefix: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [CLI, 'shard', 'serve', '--index', `${index}`, '--shards', `${shards}`, '--prefix', prefix],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`shard ${index} exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  process.stdout.write(
    `dactylo ${DACTYLO_VERSION} distributed 1:N · seed ${seed} · ${fmt(entryCount)} entries · ${probeCount} probes\n`,
  );
  let t = performance.now();
  const entries: GalleryEntry[] = Array.from({ length: entryCount }, (_, i) => templateOnlyEntry(seed, i));
  const probeIds = Array.from({ length: probeCount }, (_, k) =>
    Math.floor(((k + 0.5) * entryCount) / probeCount),
  );
  const probes = probeIds.map((i) => templateOnlyProbe(seed, i));
  process.stdout.write(`generated in ${fmt((performance.now() - t) / 1000, 1)} s\n`);
  const sample = Gallery.build(entries.slice(0, 10_000));
  const bytesPerEntry = sample.bytes() / sample.size;

  const nc = await connect({ servers: arg('--nats', '127.0.0.1:4222') });
  const rows: string[] = [];
  let perShardRate = 0;
  for (const shards of shardCounts) {
    const prefix = `bench-${process.pid}-${shards}`;
    const log = await EnrolmentLog.open(nc, { prefix, shards });
    t = performance.now();
    for (let from = 0; from < entries.length; from += 1000)
      await Promise.all(entries.slice(from, from + 1000).map((e) => log.publish(e)));
    const publishRate = entries.length / ((performance.now() - t) / 1000);

    t = performance.now();
    const children = await Promise.all(
      Array.from({ length: shards }, (_, s) => startShard(s, shards, prefix)),
    );
    const replaySeconds = (performance.now() - t) / 1000;
    // The first search builds each shard's hash index; time searches, not index building.
    await identifyDistributed(nc, probes[0], { prefix, shards, deadlineMs: 60_000 });

    const latencies: number[] = [];
    let hits = 0;
    for (let k = 0; k < probes.length; k++) {
      const s = performance.now();
      const r = await identifyDistributed(nc, probes[k], { prefix, shards, deadlineMs: 30_000 });
      latencies.push(performance.now() - s);
      if (r.partial) throw new Error(`partial answer from ${JSON.stringify(r.shards)}`);
      if (r.candidates[0]?.subjectId === `subject-${probeIds[k]}`) hits++;
    }
    latencies.sort((a, b) => a - b);
    t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < probes.length) {
          const k = next++;
          await identifyDistributed(nc, probes[k], { prefix, shards, deadlineMs: 30_000 });
        }
      }),
    );
    const searchesPerSecond = probes.length / ((performance.now() - t) / 1000);
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
    await log.destroy();

    const templatesPerSecond = searchesPerSecond * entries.length;
    if (shards === 1) perShardRate = templatesPerSecond;
    rows.push(
      [
        shards,
        fmt(publishRate),
        fmt(replaySeconds, 1),
        fmt(percentile(latencies, 0.5)),
        fmt(percentile(latencies, 0.99)),
        fmt(searchesPerSecond, 2),
        fmt(templatesPerSecond),
        `${((100 * hits) / probes.length).toFixed(1)} %`,
      ].join('\t'),
    );
  }
  await nc.close();
  process.stdout.write(
    'shards\tpublish/s\tready s\tp50 ms\tp99 ms\tsearches/s\ttemplates/s\trank-1\n' + `${rows.join('\n')}\n`,
  );
  process.stdout.write(`memory per template in a shard's search structure: ${fmt(bytesPerEntry)} B\n`);
  if (perShardRate > 0) {
    const cores = NATIONAL / (perShardRate * 1.5);
    process.stdout.write(
      `national gallery (${fmt(NATIONAL)} templates): ${fmt((NATIONAL * bytesPerEntry) / 2 ** 30)} GiB of search ` +
        `structure; at ${fmt(perShardRate)} templates/s per single-core shard, one search within 1.5 s needs ` +
        `≈ ${fmt(Math.ceil(cores))} shard cores (${fmt(Math.ceil(cores / 32))} 32-core hosts), before replicas.\n`,
    );
  }
}

await main();
