import type { ConsumerMessages } from '@nats-io/jetstream';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { Gallery } from '../identification/gallery.ts';
import { Identifier } from '../identification/identify.ts';
import { decodeIsoTemplate } from '../iso19794-2.ts';
import { type ClusterNames, clusterNames } from './cluster-names.ts';
import { lastShardSequence } from './enrolment-log.ts';
import { decodeEnrolment } from './enrolment-message.ts';
import {
  AWAIT_SEQ_HEADER,
  BUDGET_HEADER,
  type ShardCandidate,
  type ShardReply,
  THRESHOLD_HEADER,
  TOP_K_HEADER,
} from './shard-protocol.ts';

export interface MatcherShardOptions {
  nats: NatsConnection;
  shard: number;
  shards: number;
  prefix?: string;
  /** Search threads inside this shard (default 0: the shard's own thread; one process per core). */
  workers?: number;
  /** Called after each applied enrolment (progress, tests). */
  onApplied?: (seq: number) => void;
}

const RESUBSCRIBE_MS = 250;

interface Waiter {
  seq: number;
  resolve: () => void;
}

/**
 * One partition of the 1:N gallery: the fingers whose subject identifiers hash to this shard. It builds
 * its gallery by replaying its subject of the enrolment stream from the start, answers identification
 * requests only once it has caught up with what was logged when it started, then follows the stream.
 * Replaying the same finger twice is harmless: a repeated template is skipped, a new one replaces it.
 */
export class MatcherShard {
  private readonly latest = new Map<string, { entry: number; digest: string }>();
  private readonly superseded = new Set<number>();
  private applied = 0;
  private waiters: Waiter[] = [];
  private messages?: ConsumerMessages;
  private subscription?: Subscription;
  private following?: Promise<void>;
  private stopped = false;

  private constructor(
    private readonly o: MatcherShardOptions,
    readonly names: ClusterNames,
    private readonly gallery: Gallery,
    private readonly identifier: Identifier,
  ) {}

  static async start(options: MatcherShardOptions): Promise<MatcherShard> {
    if (!(options.shard >= 0 && options.shard < options.shards))
      throw new RangeError(`shard ${options.shard} is outside 0…${options.shards - 1}`);
    const names = clusterNames(options.prefix);
    const jsm = await jetstreamManager(options.nats);
    const target = await lastShardSequence(jsm, names, options.shard);
    const gallery = Gallery.create();
    const identifier = await Identifier.open(gallery, { workers: options.workers ?? 0 });
    const shard = new MatcherShard(options, names, gallery, identifier);
    await shard.follow();
    await shard.appliedAtLeast(target, Number.POSITIVE_INFINITY);
    shard.serve();
    return shard;
  }

  get appliedSeq(): number {
    return this.applied;
  }

  get entries(): number {
    return this.gallery.size - this.superseded.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    await this.messages?.close();
    await this.following;
    await this.identifier.close();
  }

  /**
   * Follows the shard's subject from the sequence after the last applied one. A consumer that ends, fails or
   * outlives a reconnection is replaced by a new one from there, so an outage delays the shard but never
   * makes it skip an enrolment.
   */
  private async follow(): Promise<void> {
    const js = jetstream(this.o.nats);
    (async () => {
      for await (const s of this.o.nats.status()) if (s.type === 'reconnect') await this.messages?.close();
    })().catch(() => {});
    this.following = (async () => {
      while (!this.stopped) {
        try {
          const consumer = await js.consumers.get(this.names.stream, {
            filter_subjects: this.names.enrolSubject(this.o.shard),
            ...(this.applied > 0
              ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.applied + 1 }
              : {}),
          });
          this.messages = await consumer.consume();
          for await (const m of this.messages) if (m.seq > this.applied) this.apply(m.headers, m.data, m.seq);
        } catch {
          // The stream may not exist yet, or the connection is down: try again shortly.
        }
        if (!this.stopped) await new Promise((r) => setTimeout(r, RESUBSCRIBE_MS));
      }
    })();
  }

  private apply(headers: Msg['headers'], data: Uint8Array, seq: number): void {
    const d = decodeEnrolment(headers, data);
    const known = this.latest.get(d.key);
    if (!known || known.digest !== d.digest) {
      const entry = this.gallery.enrol(d.entry);
      if (known) this.superseded.add(known.entry);
      this.latest.set(d.key, { entry, digest: d.digest });
    }
    this.applied = seq;
    this.o.onApplied?.(seq);
    const ready = this.waiters.filter((w) => w.seq <= seq);
    this.waiters = this.waiters.filter((w) => w.seq > seq);
    for (const w of ready) w.resolve();
  }

  /** Resolves true once `seq` is applied, false when `budgetMs` runs out first. */
  private appliedAtLeast(seq: number, budgetMs: number): Promise<boolean> {
    if (this.applied >= seq) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = Number.isFinite(budgetMs) ? setTimeout(() => resolve(false), budgetMs) : undefined;
      this.waiters.push({
        seq,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
    });
  }

  private serve(): void {
    const sub = this.o.nats.subscribe(this.names.identifySubject(this.o.shard), {
      queue: this.names.queue(this.o.shard),
    });
    this.subscription = sub;
    (async () => {
      for await (const m of sub) {
        this.answer(m).catch((e) => m.respond(JSON.stringify({ error: String(e?.message ?? e) })));
      }
    })();
  }

  private async answer(m: Msg): Promise<void> {
    const awaited = Number(m.headers?.get(AWAIT_SEQ_HEADER) ?? '0');
    const budget = Number(m.headers?.get(BUDGET_HEADER) ?? '1000');
    const topK = Number(m.headers?.get(TOP_K_HEADER) ?? '10');
    const threshold = Number(m.headers?.get(THRESHOLD_HEADER) ?? '0');
    // Half the budget for catching up leaves the other half for the search itself.
    const fresh = await this.appliedAtLeast(awaited, Math.max(0, budget * 0.5));
    const probe = decodeIsoTemplate(m.data);
    // Replaced templates stay in the append-only gallery; ask for enough to fill top-k without them.
    const result = await this.identifier.identify(probe, {
      topK: topK + Math.min(this.superseded.size, topK),
      threshold,
    });
    const candidates: ShardCandidate[] = result.candidates
      .filter((c) => !this.superseded.has(c.entry))
      .slice(0, topK)
      .map((c) => ({
        subjectId: c.subjectId,
        score: c.score,
        ...(c.position ? { position: c.position } : {}),
      }));
    const reply: ShardReply = {
      shard: this.o.shard,
      shards: this.o.shards,
      entries: this.entries,
      appliedSeq: this.applied,
      stale: !fresh,
      candidates,
      rescored: result.rescored,
    };
    m.respond(JSON.stringify(reply));
  }
}
