import { connect } from '@nats-io/transport-node';
import type { Command } from 'commander';
import { MatcherShard } from '../../../sim/matcher/distributed/matcher-shard.ts';
import { CommandError } from '../errors.ts';
import { integerOption } from '../options.ts';

interface ShardServeOptions {
  index: number;
  shards: number;
  nats: string;
  prefix: string;
  workers: number;
}

async function serve(o: ShardServeOptions): Promise<void> {
  if (o.index >= o.shards) throw new CommandError(`--index ${o.index} must be below --shards ${o.shards}`);
  // A shard outlives NATS outages: it reconnects for ever and its ordered consumer resumes where it was.
  const nc = await connect({
    servers: o.nats,
    name: `dactylo-shard-${o.index}`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
  }).catch((e: Error) => {
    throw new CommandError(`cannot reach NATS at ${o.nats}: ${e.message}`);
  });
  const shard = await MatcherShard.start({
    nats: nc,
    shard: o.index,
    shards: o.shards,
    prefix: o.prefix,
    workers: o.workers,
  });
  // One machine-readable line, so that supervisors and tests know the shard answers now.
  process.stdout.write(
    `${JSON.stringify({ ready: true, shard: o.index, shards: o.shards, entries: shard.entries, appliedSeq: shard.appliedSeq })}\n`,
  );
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await shard.stop();
  await nc.close();
}

export function register(program: Command): void {
  const shard = program
    .command('shard')
    .description('distributed 1:N: matcher shard processes coordinated over NATS JetStream');
  shard
    .command('serve')
    .description('run one shard: replay its enrolments from the stream, then answer identification requests')
    .requiredOption('--index <i>', 'this shard, 0 … shards − 1', integerOption('--index', 0, 1023))
    .requiredOption('--shards <n>', 'shards in the cluster', integerOption('--shards', 1, 1024))
    .option('--nats <url>', 'NATS server with JetStream', '127.0.0.1:4222')
    .option('--prefix <name>', 'cluster name: stream and subjects derive from it', 'dactylo')
    .option(
      '--workers <n>',
      'search threads in this process (0: its own thread)',
      integerOption('--workers', 0, 64),
      0,
    )
    .action(async (o: ShardServeOptions) => serve(o));
}
