import type { FingerTemplate } from '../template.ts';
import { type GalleryColumns, templateOf } from './gallery.ts';
import type { SearchParameters } from './identification-parameters.ts';
import { buildShardIndex, type HashFamily, type ShardIndex } from './mcc-index.ts';
import {
  type PreparedCandidate,
  type PreparedProbe,
  prepareCandidate,
  prepareProbe,
  rescore,
} from './rescoring.ts';
import { type ProbeCodes, type ShardResult, searchShard } from './shard-search.ts';

/**
 * The units of work of a search, the same whether a worker thread or the calling thread runs them:
 * build a shard's tables, search shards, re-score entries with the 1:1 matcher. Inputs are plain data
 * and typed arrays on shared memory, so that they cross to a thread without a copy.
 */
export type SearchTask =
  | { kind: 'build'; family: HashFamily; columns: GalleryColumns; ranges: [number, number][] }
  | {
      kind: 'search';
      family: HashFamily;
      columns: GalleryColumns;
      shards: ShardIndex[];
      probe: ProbeCodes;
      params: SearchParameters;
    }
  | { kind: 'rescore'; columns: GalleryColumns; probe: FingerTemplate; entries: Int32Array; gallery: string };

export type SearchTaskResult = ShardIndex[] | ShardResult[] | Float64Array;

let lastProbe: FingerTemplate | null = null;
let lastPrepared: PreparedProbe | null = null;

function prepared(probe: FingerTemplate): PreparedProbe {
  // One probe is re-scored in several tasks; prepare it once per thread.
  if (probe !== lastProbe || lastPrepared === null) {
    lastPrepared = prepareProbe(probe);
    lastProbe = probe;
  }
  return lastPrepared;
}

/**
 * Prepared gallery templates kept between searches (entries never change once enrolled), so that an
 * exhaustive search, or a candidate that comes back, is not prepared again. Bounded: a prepared
 * template holds tens of kilobytes.
 */
const CACHE_LIMIT = 12_000;
const cache = new Map<number, PreparedCandidate>();
let cacheGallery = '';

function candidate(gallery: string, columns: GalleryColumns, entry: number): PreparedCandidate {
  if (gallery !== cacheGallery) {
    cache.clear();
    cacheGallery = gallery;
  }
  let c = cache.get(entry);
  if (!c) {
    c = prepareCandidate(templateOf(columns, entry));
    if (cache.size < CACHE_LIMIT) cache.set(entry, c);
  }
  return c;
}

export function runTask(task: SearchTask): SearchTaskResult {
  switch (task.kind) {
    case 'build':
      return task.ranges.map(([from, to]) =>
        buildShardIndex(task.family, task.columns, from, to, task.family.params.cylindersPerEntry),
      );
    case 'search':
      return task.shards.map((s) => searchShard(task.family, s, task.columns, task.probe, task.params));
    case 'rescore': {
      const probe = prepared(task.probe);
      return Float64Array.from(task.entries, (e) => rescore(probe, candidate(task.gallery, task.columns, e)));
    }
  }
}
