import { type NatsConnection, headers as natsHeaders } from '@nats-io/transport-node';
import { encodeIsoTemplate } from '../iso19794-2.ts';
import type { FingerTemplate } from '../template.ts';
import { clusterNames } from './cluster-names.ts';
import {
  AWAIT_SEQ_HEADER,
  BUDGET_HEADER,
  type ShardCandidate,
  type ShardReply,
  THRESHOLD_HEADER,
  TOP_K_HEADER,
} from './shard-protocol.ts';

export interface DistributedIdentifyOptions {
  shards: number;
  prefix?: string;
  /** The whole search must answer within this many milliseconds (default 1,500). */
  deadlineMs?: number;
  topK?: number;
  threshold?: number;
  /** Per shard, a stream sequence the shard must have applied (from EnrolmentLog.publish). */
  awaitSeq?: ReadonlyMap<number, number>;
}

export type ShardStatus = 'ok' | 'stale' | 'missing' | 'timeout' | 'error';

export interface ShardAnswer {
  shard: number;
  status: ShardStatus;
  entries?: number;
  appliedSeq?: number;
  detail?: string;
}

export interface DistributedCandidate extends ShardCandidate {
  rank: number;
  shard: number;
}

export interface DistributedIdentification {
  candidates: DistributedCandidate[];
  shards: ShardAnswer[];
  /** Some shard did not answer in time, or answered without the awaited enrolments: the candidates
   *  cover only part of the gallery and must not be read as "no match". */
  partial: boolean;
  galleryEntries: number;
}

/**
 * Scatter–gather 1:N search: the probe goes to every shard at once, each answers its own top-k within
 * the deadline, and the lists are merged by score. A shard that is down (no responders), late or
 * behind makes the result explicitly partial.
 */
export async function identifyDistributed(
  nc: NatsConnection,
  probe: FingerTemplate,
  o: DistributedIdentifyOptions,
): Promise<DistributedIdentification> {
  const names = clusterNames(o.prefix);
  const deadline = o.deadlineMs ?? 1500;
  const data = encodeIsoTemplate(probe);
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: o.shards }, async (_, shard) => {
      const h = natsHeaders();
      h.set(TOP_K_HEADER, String(o.topK ?? 10));
      h.set(THRESHOLD_HEADER, String(o.threshold ?? 0));
      h.set(AWAIT_SEQ_HEADER, String(o.awaitSeq?.get(shard) ?? 0));
      h.set(BUDGET_HEADER, String(Math.max(1, deadline - (performance.now() - started))));
      try {
        const m = await nc.request(names.identifySubject(shard), data, { timeout: deadline, headers: h });
        return readReply(shard, o.shards, m.json<ShardReply & { error?: string }>());
      } catch (e) {
        return { answer: failure(shard, e), candidates: [] };
      }
    }),
  );
  const shards = answers.map((a) => a.answer);
  return {
    candidates: merge(
      answers.flatMap((a) => a.candidates),
      o.topK ?? 10,
    ),
    shards,
    partial: shards.some((s) => s.status !== 'ok'),
    galleryEntries: shards.reduce((n, s) => n + (s.entries ?? 0), 0),
  };
}

function readReply(shard: number, shards: number, r: ShardReply & { error?: string }) {
  if (r.error !== undefined)
    return { answer: { shard, status: 'error' as const, detail: r.error }, candidates: [] };
  if (r.shard !== shard || r.shards !== shards)
    return {
      answer: {
        shard,
        status: 'error' as const,
        detail: `answered as shard ${r.shard} of ${r.shards}; the cluster was configured with ${shards}`,
      },
      candidates: [],
    };
  const answer: ShardAnswer = {
    shard,
    status: r.stale ? 'stale' : 'ok',
    entries: r.entries,
    appliedSeq: r.appliedSeq,
  };
  return { answer, candidates: r.candidates.map((c) => ({ ...c, shard, rank: 0 })) };
}

function failure(shard: number, e: unknown): ShardAnswer {
  const name = e instanceof Error ? e.name : '';
  const message = e instanceof Error ? e.message : String(e);
  const text = `${name} ${message} ${e instanceof Error && e.cause instanceof Error ? e.cause.name : ''}`;
  if (/NoResponders|no responders|503/i.test(text))
    return { shard, status: 'missing', detail: 'no shard process' };
  if (/Timeout/i.test(text)) return { shard, status: 'timeout', detail: 'no answer before the deadline' };
  return { shard, status: 'error', detail: message };
}

/** Best first by score; ties by subject identifier then position, so the order never depends on timing. */
function merge(all: DistributedCandidate[], topK: number): DistributedCandidate[] {
  all.sort(
    (a, b) =>
      b.score - a.score ||
      (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0) ||
      (a.position ?? 0) - (b.position ?? 0),
  );
  return all.slice(0, topK).map((c, i) => ({ ...c, rank: i + 1 }));
}
