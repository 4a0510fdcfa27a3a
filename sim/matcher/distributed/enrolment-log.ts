import { type JetStreamClient, type JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { GalleryEntry } from '../identification/gallery.ts';
import { type ClusterNames, clusterNames } from './cluster-names.ts';
import { encodeEnrolment } from './enrolment-message.ts';
import { shardOf } from './jump-hash.ts';

export interface EnrolmentLogOptions {
  prefix?: string;
  shards: number;
  /** How long JetStream remembers message ids to drop a re-sent enrolment (default 2 minutes). */
  duplicateWindowMs?: number;
}

export interface LoggedEnrolment {
  shard: number;
  /** Stream sequence: a shard that has applied this sequence can find the finger. */
  seq: number;
  /** JetStream had already logged this exact finger and template (a retried publish). */
  duplicate: boolean;
}

/**
 * The durable log of enrolments every matcher shard is built from: a JetStream stream with one subject
 * per shard. An enrolment is acknowledged once the stream has stored it, so a shard that was down
 * replays it when it starts (at-least-once); shards apply idempotently.
 */
export class EnrolmentLog {
  private constructor(
    readonly names: ClusterNames,
    readonly shards: number,
    private readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
  ) {}

  static async open(nc: NatsConnection, options: EnrolmentLogOptions): Promise<EnrolmentLog> {
    const names = clusterNames(options.prefix);
    const jsm = await jetstreamManager(nc);
    const config = {
      name: names.stream,
      subjects: [names.enrolments],
      duplicate_window: (options.duplicateWindowMs ?? 120_000) * 1_000_000,
    };
    try {
      await jsm.streams.info(names.stream);
      await jsm.streams.update(names.stream, config);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await jsm.streams.add(config);
    }
    return new EnrolmentLog(names, options.shards, jetstream(nc), jsm);
  }

  async publish(entry: GalleryEntry): Promise<LoggedEnrolment> {
    const shard = shardOf(entry.subjectId, this.shards);
    const m = encodeEnrolment(entry);
    const ack = await this.js.publish(this.names.enrolSubject(shard), m.data, {
      headers: m.headers,
      msgID: m.msgId,
    });
    return { shard, seq: ack.seq, duplicate: ack.duplicate };
  }

  /** Removes the stream and everything logged (tests and benchmarks clean up with it). */
  async destroy(): Promise<void> {
    await this.jsm.streams.delete(this.names.stream).catch((e) => {
      if (!isNotFound(e)) throw e;
    });
  }
}

/** Last sequence logged on a shard's subject, 0 when none. */
export async function lastShardSequence(jsm: JetStreamManager, names: ClusterNames, shard: number) {
  try {
    const m = await jsm.streams.getMessage(names.stream, { last_by_subj: names.enrolSubject(shard) });
    return m?.seq ?? 0;
  } catch (e) {
    if (isNotFound(e)) return 0;
    throw e;
  }
}

export function isNotFound(e: unknown): boolean {
  const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  return /not found|no message found|10037|10059|10014/i.test(text);
}
