import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { FingerPosition } from '../../fingerprints/finger-position.ts';
import { startTsWorker } from '../../runtime/ts-worker.ts';
import type { FingerTemplate } from '../template.ts';
import type { Gallery } from './gallery.ts';
import {
  type HashParameters,
  INDEX_HASH,
  SEARCH,
  type SearchParameters,
} from './identification-parameters.ts';
import { indexCylinders } from './index-cylinder.ts';
import { type HashFamily, hashFamily, MAX_SHARD_CYLINDERS, probeKeys, type ShardIndex } from './mcc-index.ts';
import { runTask, type SearchTask, type SearchTaskResult } from './search-tasks.ts';
import { bestByScore, type ProbeCodes, type ShardResult } from './shard-search.ts';

export interface IdentifyOptions {
  /** Candidates returned at most (default 10). */
  topK?: number;
  /** Lowest 1:1 similarity a candidate needs (default 0: every candidate re-scored). */
  threshold?: number;
  /** Re-score the whole gallery with the 1:1 matcher instead of searching the index (the baseline). */
  exhaustive?: boolean;
  /** Called after every stage with its name and result. */
  trace?: (stage: string, value: unknown) => void;
}

export interface IdentificationCandidate {
  /** 1 for the best. */
  rank: number;
  subjectId: string;
  position?: FingerPosition;
  /** 1:1 similarity in [0, 1]. */
  score: number;
  /** Entry number in the gallery. */
  entry: number;
}

export interface Identification {
  candidates: IdentificationCandidate[];
  galleryEntries: number;
  /** Entries the hash votes passed to the local similarity sort. */
  shortlisted: number;
  /** Entries re-scored by the 1:1 matcher; penetration = rescored / galleryEntries. */
  rescored: number;
  penetration: number;
}

export interface IdentifierOptions {
  /** Search threads; 0 searches on the calling thread (default: one per core). */
  workers?: number;
  search?: Partial<SearchParameters>;
  hash?: HashParameters;
}

let identifiers = 0;

interface Pending {
  resolve: (r: SearchTaskResult) => void;
  reject: (e: Error) => void;
}

/**
 * 1:N search over a gallery, keeping its index and search threads between searches. The results do
 * not depend on the number of threads: shards are fixed by the gallery, and every merge orders by
 * score, then entry number.
 */
export class Identifier {
  private shards: ShardIndex[] = [];
  /** Names this gallery to the threads' caches of prepared templates. */
  private readonly token = `${process.pid}-${++identifiers}`;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  private constructor(
    readonly gallery: Gallery,
    readonly family: HashFamily,
    readonly params: SearchParameters,
    private readonly workers: Worker[],
  ) {
    for (const w of workers) {
      w.on('message', (m: { id: number; result?: SearchTaskResult; error?: string }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.error !== undefined) p?.reject(new Error(m.error));
        else p?.resolve(m.result!);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
    }
  }

  static async open(gallery: Gallery, options: IdentifierOptions = {}): Promise<Identifier> {
    const count = options.workers ?? availableParallelism();
    const url = new URL('./identification-worker.ts', import.meta.url).href;
    const workers = Array.from({ length: count }, () => startTsWorker(url, {}));
    const params = { ...SEARCH, ...options.search };
    const hash = options.hash ?? INDEX_HASH;
    if (params.shardSize * hash.cylindersPerEntry > MAX_SHARD_CYLINDERS)
      throw new RangeError(
        `shards of ${params.shardSize} entries would hold too many cylinders to number in 16 bits`,
      );
    const id = new Identifier(gallery, hashFamily(gallery.layout, hash), params, workers);
    await id.refreshIndex();
    return id;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private run(worker: number, task: SearchTask): Promise<SearchTaskResult> {
    if (this.workers.length === 0) return Promise.resolve(runTask(task));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workers[worker].postMessage({ id, task });
    });
  }

  /** Runs one task per thread (`make(t)` builds thread t's, or null for none) and gathers the results. */
  private async fanOut<T extends SearchTaskResult>(make: (t: number, threads: number) => SearchTask | null) {
    const threads = Math.max(1, this.workers.length);
    const results: T[] = [];
    await Promise.all(
      Array.from({ length: threads }, async (_, t) => {
        const task = make(t, threads);
        if (task) results[t] = (await this.run(t, task)) as T;
      }),
    );
    return results;
  }

  /** Builds the tables of shards that are new or have grown since the last search. */
  async refreshIndex(): Promise<void> {
    const size = this.gallery.size;
    const shardSize = this.params.shardSize;
    const stale: [number, number][] = [];
    for (let from = 0; from < size; from += shardSize) {
      const to = Math.min(size, from + shardSize);
      const s = this.shards[from / shardSize];
      if (!s || s.to !== to) stale.push([from, to]);
    }
    if (stale.length === 0) return;
    const columns = this.gallery.view();
    const built = await this.fanOut<ShardIndex[]>((t, n) => {
      const ranges = stale.filter((_, i) => i % n === t);
      return ranges.length > 0 ? { kind: 'build', family: this.family, columns, ranges } : null;
    });
    for (const list of built) for (const s of list ?? []) this.shards[s.from / shardSize] = s;
  }

  /** Index bytes (hash tables of every shard). */
  indexBytes(): number {
    return this.shards.reduce(
      (n, s) =>
        n + s.bucketStart.byteLength + s.entries.byteLength + s.owner.byteLength + s.tableStart.byteLength,
      0,
    );
  }

  async identify(probe: FingerTemplate, options: IdentifyOptions = {}): Promise<Identification> {
    const trace = options.trace ?? (() => {});
    await this.refreshIndex();
    const columns = this.gallery.view();
    const size = this.gallery.size;
    let shortlisted = size;
    let candidates: Int32Array;
    if (options.exhaustive) {
      candidates = Int32Array.from({ length: size }, (_, i) => i);
    } else {
      const codes = this.probeCodes(probe);
      trace('probe-cylinders', codes);
      const found = await this.searchShards(codes, columns);
      trace('shard-candidates', found);
      shortlisted = found.reduce((n, r) => n + r.shortlisted, 0);
      candidates = mergeShardResults(found, this.params.candidates);
      trace('candidates', candidates);
    }
    const scores = await this.rescore(probe, columns, candidates);
    trace('rescored', scores);
    const result = this.rank(candidates, scores, options);
    trace('identification', result);
    return {
      candidates: result,
      galleryEntries: size,
      shortlisted,
      rescored: candidates.length,
      penetration: size ? candidates.length / size : 0,
    };
  }

  private probeCodes(probe: FingerTemplate): ProbeCodes {
    const codes = indexCylinders(probe, this.gallery.layout);
    const words = this.gallery.layout.words;
    const ones = new Uint8Array(codes.length / words);
    for (let c = 0; c < ones.length; c++)
      for (let b = 0; b < words * 32; b++) ones[c] += (codes[c * words + (b >>> 5)] >>> (b & 31)) & 1;
    return { cylinders: { words, codes, ones }, keys: probeKeys(this.family, codes) };
  }

  private async searchShards(
    probe: ProbeCodes,
    columns: ReturnType<Gallery['view']>,
  ): Promise<ShardResult[]> {
    const lists = await this.fanOut<ShardResult[]>((t, n) => {
      const shards = this.shards.filter((_, i) => i % n === t);
      return shards.length > 0
        ? { kind: 'search', family: this.family, columns, shards, probe, params: this.params }
        : null;
    });
    return lists.flatMap((l) => l ?? []);
  }

  private async rescore(
    probe: FingerTemplate,
    columns: ReturnType<Gallery['view']>,
    entries: Int32Array,
  ): Promise<Float64Array> {
    const threads = Math.max(1, this.workers.length);
    const chunk = Math.ceil(entries.length / threads);
    const parts = await this.fanOut<Float64Array>((t) => {
      const mine = entries.subarray(t * chunk, Math.min(entries.length, (t + 1) * chunk));
      return mine.length > 0
        ? { kind: 'rescore', columns, probe, entries: mine.slice(), gallery: this.token }
        : null;
    });
    const scores = new Float64Array(entries.length);
    parts.forEach((p, t) => {
      if (p) scores.set(p, t * chunk);
    });
    return scores;
  }

  private rank(entries: Int32Array, scores: Float64Array, o: IdentifyOptions): IdentificationCandidate[] {
    const threshold = o.threshold ?? 0;
    const best = bestByScore(entries, scores, entries.length);
    const out: IdentificationCandidate[] = [];
    for (let i = 0; i < best.entries.length && out.length < (o.topK ?? 10); i++) {
      if (best.scores[i] < threshold) break;
      const entry = best.entries[i];
      const position = this.gallery.position(entry);
      out.push({
        rank: out.length + 1,
        subjectId: this.gallery.subjectId(entry),
        ...(position !== undefined ? { position } : {}),
        score: best.scores[i],
        entry,
      });
    }
    return out;
  }
}

/** The `limit` best entries over every shard's list, by local similarity then entry number. */
function mergeShardResults(results: readonly ShardResult[], limit: number): Int32Array {
  const entries = Int32Array.from(results.flatMap((r) => Array.from(r.entries)));
  const scores = Float64Array.from(results.flatMap((r) => Array.from(r.scores)));
  return bestByScore(entries, scores, limit).entries;
}

/** One search: opens an Identifier on the gallery, searches, closes it. */
export async function identify(
  probe: FingerTemplate,
  gallery: Gallery,
  options: IdentifyOptions & IdentifierOptions = {},
): Promise<Identification> {
  const identifier = await Identifier.open(gallery, options);
  try {
    return await identifier.identify(probe, options);
  } finally {
    await identifier.close();
  }
}
