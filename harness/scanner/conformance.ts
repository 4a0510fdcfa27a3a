import type { GrayImage } from '../../sim/image/gray-image.ts';
import { DACTYLO_VERSION } from '../../sim/runtime/version.ts';
import type { CheckContext, CheckResult, ConformanceCheck, ImageOrProblem, Verdict } from './check.ts';
import { IMAGE_QUALITY_CHECKS, padChecks } from './checks/index.ts';
import {
  type ConformanceCapture,
  type ConformanceDevice,
  type DeviceIdentity,
  DeviceUnavailableError,
} from './device.ts';
import { defectMask } from './measure/defect-mask.ts';
import { calibrationFrom, type GrayCalibration } from './measure/gray-calibration.ts';
import { stepPatchGrays } from './measure/step-patches.ts';
import { type SpecName, specLimits } from './spec-limits.ts';
import { FLAT_BLACK, standardTargets, WHITE } from './target-catalogue.ts';

export interface ConformanceOptions {
  device: ConformanceDevice;
  spec: SpecName;
  seed: string;
  /** Live captures of the standard synthetic panel (gray range, quality, FTA, latency, BPCER). */
  panelSize?: number;
  /** Attack presentations per PAI species (APCER). */
  attacksPerSpecies?: number;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface ConformanceReport {
  kind: 'dactylo-scanner-conformance';
  version: string;
  seed: string;
  spec: SpecName;
  specTitle: string;
  device: DeviceIdentity;
  verdict: Verdict;
  summary: { pass: number; fail: number; notMeasured: number };
  checks: CheckResult[];
}

export interface ConformanceRun {
  report: ConformanceReport;
  /** Wall-clock milliseconds per stage and per check (kept out of the report so it stays byte-stable). */
  timing: { stage: string; ms: number }[];
}

export const DEFAULT_PANEL = 60;
export const DEFAULT_ATTACKS = 40;
/** A recorded resolution this far from the declared nominal one makes a capture unusable. */
const PPI_TOLERANCE = 0.01;

/** A target's capture, or why there is none; `whole` marks a problem of the device, not of the target. */
type Slot = ConformanceCapture | { problem: string; whole?: boolean };

function message(e: unknown): string {
  return (e as Error).message?.split('\n')[0] ?? String(e);
}

async function captureAll<T>(
  n: number,
  stage: string,
  o: ConformanceOptions,
  one: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    out.push(await one(i));
    o.onProgress?.(stage, i + 1, n);
  }
  return out;
}

/** Why a capture cannot be measured, if it cannot: missing, empty, or at a resolution not declared. */
function usability(c: ConformanceCapture, ppi: number): string | null {
  if (c.problem) return c.problem;
  if (!c.image) return 'no image';
  if (Math.abs(c.image.ppi - ppi) > PPI_TOLERANCE * ppi)
    return `its resolution tag says ${c.image.ppi} ppi but the device declares ${ppi} ppi`;
  return null;
}

export function overallVerdict(results: CheckResult[]): Verdict {
  if (results.some((r) => r.verdict === 'fail')) return 'fail';
  if (results.some((r) => r.verdict === 'not-measured')) return 'not-measured';
  return 'pass';
}

/**
 * Runs the whole conformance suite against one device: captures the targets, the panel and the
 * attacks, then every check of the spec. A capture that cannot be had or used turns the checks
 * that need it into not-measured with the reason; the overall verdict is pass only when every
 * check was measured and passed.
 */
export async function runConformance(o: ConformanceOptions): Promise<ConformanceRun> {
  const spec = specLimits(o.spec);
  const timing: { stage: string; ms: number }[] = [];
  const timed = async <T>(stage: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      timing.push({ stage, ms: performance.now() - t0 });
    }
  };
  let identity: DeviceIdentity;
  let deviceProblem: string | null = null;
  try {
    identity = await timed('identity', () => o.device.identity());
  } catch (e) {
    deviceProblem = message(e);
    identity = { source: 'device', name: 'unknown', ppi: 500 };
  }
  const ppi = identity.ppi;
  const widthMm = identity.widthMm ?? 20;
  const heightMm = identity.heightMm ?? 25;
  const targetSlots = new Map<string, Slot>();
  await timed('capture targets', async () => {
    const targets = standardTargets(ppi, widthMm, heightMm);
    for (const [i, t] of targets.entries()) {
      let slot: Slot;
      if (deviceProblem) slot = { problem: deviceProblem, whole: true };
      else {
        try {
          slot = await o.device.captureTarget(t, 1);
        } catch (e) {
          slot = { problem: `capture of ${t.id} failed: ${message(e)}` };
          if (e instanceof DeviceUnavailableError) {
            deviceProblem = message(e);
            slot = { problem: deviceProblem, whole: true };
          }
        }
      }
      targetSlots.set(t.id, slot);
      o.onProgress?.('targets', i + 1, targets.length);
    }
  });
  const panelSize = o.panelSize ?? DEFAULT_PANEL;
  const fingers = await timed(
    'capture panel',
    async (): Promise<ConformanceCapture[] | { problem: string }> => {
      if (deviceProblem) return { problem: deviceProblem };
      const captureFinger = o.device.captureFinger?.bind(o.device);
      if (!captureFinger)
        return { problem: 'this source delivers no live finger captures (needs --profile or --device)' };
      const available = o.device.fingerCount ? await o.device.fingerCount() : panelSize;
      if (available === 0) return { problem: 'no live captures supplied (put the panel PNGs in fingers/)' };
      try {
        return await captureAll(Math.min(panelSize, available), 'panel', o, (i) => captureFinger(i));
      } catch (e) {
        return { problem: `live capture failed: ${message(e)}` };
      }
    },
  );
  const species = o.device.padSpecies?.() ?? [];
  const presentations = await timed(
    'capture attacks',
    async (): Promise<Map<string, ConformanceCapture[]> | { problem: string }> => {
      if (deviceProblem) return { problem: deviceProblem };
      const present = o.device.capturePresentation?.bind(o.device);
      if (!present || species.length === 0)
        return {
          problem: 'this source delivers no presentation-attack captures (needs --profile or --device)',
        };
      const n = o.attacksPerSpecies ?? DEFAULT_ATTACKS;
      const m = new Map<string, ConformanceCapture[]>();
      try {
        for (const s of species) m.set(s, await captureAll(n, `attacks ${s}`, o, (i) => present(s, i)));
      } catch (e) {
        return { problem: `attack capture failed: ${message(e)}` };
      }
      return m;
    },
  );
  const ctx = buildContext(o, spec, identity, targetSlots, fingers, presentations);
  const checks: ConformanceCheck[] = [
    ...IMAGE_QUALITY_CHECKS.filter((c) => c.applies(spec)),
    ...padChecks(species.length > 0 ? species : []),
  ];
  if (species.length === 0) checks.push(padPlaceholder(presentations));
  const results: CheckResult[] = [];
  for (const c of checks) {
    const t0 = performance.now();
    let measured: ReturnType<ConformanceCheck['run']>;
    try {
      measured = c.run(ctx);
    } catch (e) {
      measured = {
        value: null,
        unit: '',
        limit: '',
        verdict: 'not-measured',
        reason: `measurement error: ${message(e)}`,
      };
    }
    timing.push({ stage: `check ${c.id}`, ms: performance.now() - t0 });
    results.push({ id: c.id, title: c.title, clause: c.clause(spec), ...measured });
  }
  const summary = {
    pass: results.filter((r) => r.verdict === 'pass').length,
    fail: results.filter((r) => r.verdict === 'fail').length,
    notMeasured: results.filter((r) => r.verdict === 'not-measured').length,
  };
  const report: ConformanceReport = {
    kind: 'dactylo-scanner-conformance',
    version: DACTYLO_VERSION,
    seed: o.seed,
    spec: spec.name,
    specTitle: spec.title,
    device: identity,
    verdict: overallVerdict(results),
    summary,
    checks: results,
  };
  return { report, timing };
}

/** Without a species list there is no APCER to report: one not-measured PAD line says why. */
function padPlaceholder(
  presentations: Map<string, ConformanceCapture[]> | { problem: string },
): ConformanceCheck {
  const reason = 'problem' in presentations ? presentations.problem : 'the device names no PAI species';
  return {
    id: 'pad-apcer',
    title: 'PAD: APCER per PAI species',
    rationale: 'Presentation attacks must be measured species by species.',
    applies: () => true,
    clause: () => 'ISO/IEC 30107-3 APCER per PAI species',
    run: () => ({ value: null, unit: '%', limit: 'APCER per species', verdict: 'not-measured', reason }),
  };
}

function buildContext(
  o: ConformanceOptions,
  spec: ReturnType<typeof specLimits>,
  identity: DeviceIdentity,
  slots: Map<string, Slot>,
  fingers: ConformanceCapture[] | { problem: string },
  presentations: Map<string, ConformanceCapture[]> | { problem: string },
): CheckContext {
  const memo = new Map<string, unknown>();
  const ppi = identity.ppi;
  const target = (id: string): ImageOrProblem => {
    const s = slots.get(id);
    if (!s) return { problem: `target ${id} was not captured` };
    if ('acquired' in s) {
      const why = usability(s, ppi);
      if (why) return { problem: `target ${id}: ${why}` };
      return { image: s.image as GrayImage };
    }
    return { problem: s.whole ? s.problem : `target ${id}: ${s.problem}` };
  };
  const ctx: CheckContext = {
    spec,
    identity,
    ppi,
    target,
    targetCapture: (id) => {
      const s = slots.get(id);
      return s && 'acquired' in s ? s : null;
    },
    fingers: () => fingers,
    presentations: () => presentations,
    memo<T>(key: string, compute: () => T): T {
      if (!memo.has(key)) memo.set(key, compute());
      return memo.get(key) as T;
    },
    defectMask: () =>
      ctx.memo('defect-mask', () =>
        defectMask(target('flat-white').image ?? null, target('flat-black').image ?? null),
      ),
    calibration: () => ctx.memo('calibration', () => calibration(target)),
    iso19794RoundTrip: o.device.iso19794RoundTrip ? (img) => o.device.iso19794RoundTrip!(img) : null,
  };
  return ctx;
}

/** The step tablet when usable, else the two flat fields, else the reason neither is. */
function calibration(target: (id: string) => ImageOrProblem): GrayCalibration | { problem: string } {
  const steps = target('gray-steps');
  if (steps.image) {
    const c = calibrationFrom(stepPatchGrays(steps.image), 'gray-steps');
    if (c) return c;
  }
  const w = target('flat-white');
  const b = target('flat-black');
  if (w.image && b.image) {
    const mean = (img: GrayImage) => img.data.reduce((s, v) => s + v, 0) / img.data.length;
    const c = calibrationFrom(
      [
        { reflectance: FLAT_BLACK, gray: mean(b.image) },
        { reflectance: WHITE, gray: mean(w.image) },
      ],
      'flat-fields',
    );
    if (c) return c;
  }
  return {
    problem: `no gray calibration: ${steps.problem ?? 'step tablet grays do not rise with reflectance'}`,
  };
}
