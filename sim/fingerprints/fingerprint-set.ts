import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { encodeGrayPng } from '../image/png-encode.ts';
import { encodeIsoTemplate } from '../matcher/iso19794-2.ts';
import type { Minutia, SingularPoint } from '../matcher/template.ts';
import { startTsWorker } from '../runtime/ts-worker.ts';
import type { FingerPosition } from './finger-position.ts';
import { renderImpression } from './impression/impression.ts';
import { generateMaster } from './master/master.ts';
import type { MasterFingerprint, PatternClass } from './master-fingerprint.ts';
import { sensorProfile } from './sensor-profile.ts';
import { templateOnlyImpression, templateOnlyMaster } from './template-only.ts';

/** What to generate: subjects × fingers × impressions of one sensor, from one seed. */
export interface FingerprintSetRequest {
  readonly seed: string;
  readonly subjects: number;
  readonly fingers: readonly FingerPosition[];
  readonly impressions: number;
  readonly sensor: string;
  readonly templatesOnly: boolean;
  /** 'iso': {subject}_{finger}_{impression}; 'fvc': {finger}_{impression} with fingers numbered from 1. */
  readonly layout: 'iso' | 'fvc';
}

/** One image (or template) of the set as the manifest lists it, with its ground truth. */
export interface ImpressionRecord {
  file: string;
  subject: number;
  finger: FingerPosition;
  impression: number;
  /** FVC finger number (subject × finger order, from 1), present with --layout fvc. */
  fvcFinger?: number;
  patternClass: PatternClass;
  singularPoints: SingularPoint[];
  minutiae: Minutia[];
}

export interface SetFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** One subject's finger: a master and all its impressions, the unit of work handed to a worker. */
export interface FingerJob {
  readonly index: number;
  readonly subject: number;
  readonly position: FingerPosition;
}

export interface FingerOutput {
  readonly index: number;
  readonly files: SetFile[];
  readonly records: ImpressionRecord[];
}

/** Subjects are numbered from 1, fingers keep their ISO position; jobs in manifest order. */
export function fingerJobs(req: FingerprintSetRequest): FingerJob[] {
  return Array.from({ length: jobCount(req) }, (_, i) => fingerJob(req, i));
}

export function jobCount(req: FingerprintSetRequest): number {
  return req.subjects * req.fingers.length;
}

/** Job `index` computed, not stored, so that a set of millions of fingers needs no job list. */
export function fingerJob(req: FingerprintSetRequest, index: number): FingerJob {
  const n = req.fingers.length;
  return { index, subject: 1 + Math.floor(index / n), position: req.fingers[index % n] };
}

function baseName(req: FingerprintSetRequest, job: FingerJob, impression: number): string {
  return req.layout === 'fvc'
    ? `${job.index + 1}_${impression}`
    : `${job.subject}_${job.position}_${impression}`;
}

/** Everything one finger contributes to the set; depends only on (request, job), never on the worker. */
export function produceFinger(
  req: FingerprintSetRequest,
  job: FingerJob,
  master?: MasterFingerprint,
): FingerOutput {
  return req.templatesOnly ? templatesOfFinger(req, job) : imagesOfFinger(req, job, master);
}

function record(req: FingerprintSetRequest, job: FingerJob, impression: number, file: string) {
  return {
    file,
    subject: job.subject,
    finger: job.position,
    impression,
    ...(req.layout === 'fvc' ? { fvcFinger: job.index + 1 } : {}),
  };
}

/** Rendered impressions of the finger's master, each with its ground truth. */
function imagesOfFinger(
  req: FingerprintSetRequest,
  job: FingerJob,
  master?: MasterFingerprint,
): FingerOutput {
  const sensor = sensorProfile(req.sensor);
  const m = master ?? generateMaster(req.seed, job.subject, job.position);
  const files: SetFile[] = [];
  const records: ImpressionRecord[] = [];
  for (let impression = 1; impression <= req.impressions; impression++) {
    const imp = renderImpression(m, impression, sensor);
    const file = { name: `${baseName(req, job, impression)}.png`, bytes: encodeGrayPng(imp.image) };
    files.push(file);
    records.push({
      ...record(req, job, impression, file.name),
      patternClass: m.patternClass,
      singularPoints: imp.singularPoints,
      minutiae: imp.minutiae,
    });
  }
  return { index: job.index, files, records };
}

/**
 * ISO/IEC 19794-2 templates from the fast template-only model (template-only.ts: same class, flow
 * and period models as the masters, minutiae as an extractor would report them), no pixels.
 */
function templatesOfFinger(req: FingerprintSetRequest, job: FingerJob): FingerOutput {
  const sensor = sensorProfile(req.sensor);
  const m = templateOnlyMaster(req.seed, job.subject, job.position);
  const files: SetFile[] = [];
  const records: ImpressionRecord[] = [];
  for (let impression = 1; impression <= req.impressions; impression++) {
    const t = templateOnlyImpression(m, impression, sensor);
    const bytes = encodeIsoTemplate(t, { impressionType: 0, viewNumber: Math.min(15, impression - 1) });
    const file = { name: `${baseName(req, job, impression)}.ist`, bytes };
    files.push(file);
    records.push({
      ...record(req, job, impression, file.name),
      patternClass: m.patternClass,
      singularPoints: t.singularPoints ?? [],
      minutiae: t.minutiae,
    });
  }
  return { index: job.index, files, records };
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Generates the whole set. Each finger's output goes to `sink` as soon as it is ready (any order,
 * one call at a time); its records go to `onRecords` in manifest order, held back only until the
 * fingers before it are done, so memory stays bounded however large the set. With more than one
 * worker the fingers are spread over worker threads; every output depends only on the request, so
 * bytes are identical for any worker count.
 */
export async function generateFingerprintSet(
  req: FingerprintSetRequest,
  workers: number,
  sink: (out: FingerOutput) => Promise<void>,
  onRecords: (records: ImpressionRecord[]) => Promise<void> = async () => {},
): Promise<void> {
  const total = jobCount(req);
  const waiting = new Map<number, ImpressionRecord[]>();
  let nextRecord = 0;
  const accept = async (out: FingerOutput) => {
    await sink(out);
    waiting.set(out.index, out.records);
    for (let r = waiting.get(nextRecord); r !== undefined; r = waiting.get(nextRecord)) {
      waiting.delete(nextRecord++);
      await onRecords(r);
    }
  };
  if (workers <= 1 || total <= 1) {
    for (let i = 0; i < total; i++) await accept(produceFinger(req, fingerJob(req, i)));
  } else {
    await runOnWorkers(req, total, Math.min(workers, total), accept);
  }
}

/** All records of a set in manifest order (tests and small sets; the CLI streams them instead). */
export async function collectFingerprintSet(
  req: FingerprintSetRequest,
  workers: number,
  sink: (out: FingerOutput) => Promise<void>,
): Promise<ImpressionRecord[]> {
  const records: ImpressionRecord[] = [];
  await generateFingerprintSet(req, workers, sink, async (r) => {
    records.push(...r);
  });
  return records;
}

function runOnWorkers(
  req: FingerprintSetRequest,
  total: number,
  count: number,
  onResult: (out: FingerOutput) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    let pending = Promise.resolve();
    const stopAll = () => Promise.all(pool.map((w) => w.terminate()));
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      void stopAll().finally(() => reject(e instanceof Error ? e : new Error(String(e))));
    };
    const feed = (w: Worker) => {
      if (next < total) w.postMessage(fingerJob(req, next++));
    };
    for (let i = 0; i < count; i++) {
      const w = startTsWorker(new URL('./fingerprint-set-worker.ts', import.meta.url).href, { request: req });
      pool.push(w);
      w.on('message', (msg: { out?: FingerOutput; error?: string }) => {
        if (msg.error !== undefined) return fail(new Error(msg.error));
        const out = msg.out as FingerOutput;
        feed(w);
        // Results are written one at a time so that the sink never runs concurrently with itself.
        pending = pending.then(() => onResult(out));
        pending.then(() => {
          if (++done === total && !failed) void stopAll().then(() => resolve());
        }, fail);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (code !== 0 && !failed && done < total)
          fail(new Error(`fingerprint worker exited with code ${code}`));
      });
      feed(w);
    }
  });
}
