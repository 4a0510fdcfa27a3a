import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioArrivals } from '../driver/arrival-schedule.ts';
import { readContract } from '../driver/contract-operations.ts';
import { type K6Scenario, k6Options } from '../driver/k6-options.ts';
import { loadData } from '../driver/load-data.ts';
import { loadDataFiles } from '../driver/load-data-files.ts';
import { loadPlan } from '../driver/load-plan.ts';
import { readProfile, shippedProfiles } from '../driver/profile-file.ts';
import { wireRequests } from '../driver/wire-requests.ts';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Runs a k6 script's init code in Node: each TypeScript module transpiled to CommonJS, the k6 modules
 * replaced by recorders, open() reading real files relative to the script. What the script exports
 * as `options` is then exactly what k6 would run.
 */
interface K6Module {
  options: unknown;
  request: (data: { documents: (string | null)[] }) => void;
}

function initK6Script(
  file: string,
  env: Record<string, string>,
): {
  module: K6Module;
  requests: unknown[][];
  execution: { scenario: { name: string; iterationInTest: number } };
} {
  const requests: unknown[][] = [];
  const execution = { scenario: { name: '', iterationInTest: 0 } };
  const stubs: Record<string, unknown> = {
    'k6/http': {
      __esModule: true,
      default: {
        expectedStatuses: (...s: unknown[]) => ({ expectedStatuses: s }),
        request: (...a: unknown[]) => requests.push(a),
        batch: () => [],
      },
    },
    'k6/data': {
      SharedArray: class extends Array {
        constructor(_name: string, f: () => unknown[]) {
          super();
          this.push(...f());
        }
      },
    },
    'k6/execution': { __esModule: true, default: execution },
  };
  const cache = new Map<string, Record<string, unknown>>();
  const load = (path: string): Record<string, unknown> => {
    const hit = cache.get(path);
    if (hit) return hit;
    const out = ts.transpileModule(readFileSync(path, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    }).outputText;
    const module = { exports: {} as Record<string, unknown> };
    cache.set(path, module.exports);
    const req = (spec: string) => (spec.startsWith('k6') ? stubs[spec] : load(resolve(dirname(path), spec)));
    const open = (p: string) => readFileSync(resolve(dirname(file), p), 'utf8');
    new Function('require', 'module', 'exports', 'open', '__ENV', out)(
      req,
      module,
      module.exports,
      open,
      env,
    );
    return module.exports;
  };
  return { module: load(file) as unknown as K6Module, requests, execution };
}

/** Arrival times of a k6 arrival-rate scenario, read from its options alone (k6's semantics, bisection). */
function k6Arrivals(s: K6Scenario): number[] {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const ms = (d: string) => {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(d);
    if (!m) throw new Error(`not a k6 duration: ${d}`);
    return Number(m[1]) * units[m[2]];
  };
  const unitMs = ms(s.timeUnit);
  const pieces: { start: number; end: number; from: number; to: number; before: number }[] = [];
  const add = (start: number, end: number, from: number, to: number) => {
    const last = pieces[pieces.length - 1];
    const before = last ? last.before + (((last.from + last.to) / 2) * (last.end - last.start)) / unitMs : 0;
    pieces.push({ start, end, from, to, before });
  };
  if (s.executor === 'constant-arrival-rate') add(0, ms(s.duration ?? '0s'), s.rate ?? 0, s.rate ?? 0);
  else {
    let t = 0;
    let from = s.startRate ?? 0;
    for (const st of s.stages ?? []) {
      add(t, t + ms(st.duration), from, st.target);
      t += ms(st.duration);
      from = st.target;
    }
  }
  // Arrivals counted from the start of the run to t within one piece: the trapezoid under the rate.
  const countIn = (p: (typeof pieces)[number], t: number) => {
    const d = t - p.start;
    const rateAt = p.from + ((p.to - p.from) * d) / (p.end - p.start);
    return p.before + (((p.from + rateAt) / 2) * d) / unitMs;
  };
  const last = pieces[pieces.length - 1];
  const total = countIn(last, last.end);
  const out: number[] = [];
  let i = 0;
  for (let k = 0; k < total - 1e-6; k++) {
    while (countIn(pieces[i], pieces[i].end) < k) i++;
    let lo = pieces[i].start;
    let hi = pieces[i].end;
    for (let n = 0; n < 50; n++) {
      const mid = (lo + hi) / 2;
      if (countIn(pieces[i], mid) < k) lo = mid;
      else hi = mid;
    }
    out.push(hi);
  }
  return out;
}

describe('k6 scripts (perf/k6/)', () => {
  // One data set holding every operation (smoke's mix covers the others' operations), and tokens for every role.
  let dir = '';
  let env: Record<string, string> = {};
  const tokens = {
    'psc-operator': 't-psc',
    'identification-officer': 't-id',
    auditor: 't-aud',
    certifier: 't-cert',
  };
  beforeAll(() => {
    dir = mkdtempSync(resolve(tmpdir(), 'dactylo-k6-'));
    const data = loadData(readProfile('smoke'), readContract(), 'k6-test');
    for (const f of loadDataFiles(data)) writeFileSync(resolve(dir, f.name), f.text);
    writeFileSync(resolve(dir, 'tokens.json'), JSON.stringify({ tokens }));
    env = { LOAD_DATA: dir, TOKENS: resolve(dir, 'tokens.json'), TARGET: 'http://127.0.0.1:9999' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exist for every shipped profile', () => {
    for (const name of shippedProfiles())
      expect(readFileSync(resolve(here, `${name}.ts`), 'utf8')).toContain(`../profiles/${name}.json`);
  });

  for (const name of ['smoke', 'verification-peak', 'identification', 'psc-day']) {
    it(`${name}: the script's k6 options equal the plan the built-in driver runs, arrival for arrival`, () => {
      const options = initK6Script(resolve(here, `${name}.ts`), env).module.options;
      const plan = loadPlan(readProfile(name));
      expect(options).toEqual(k6Options(plan));
      const scenarios = (options as { scenarios: Record<string, K6Scenario> }).scenarios;
      for (const s of plan.scenarios) {
        const driver = scenarioArrivals(s);
        const k6 = k6Arrivals(scenarios[s.name]);
        expect(k6.length).toBe(driver.length);
        const worst = driver.reduce((w, t, i) => Math.max(w, Math.abs(t - k6[i])), 0);
        expect(worst).toBeLessThan(1e-3);
      }
    });
  }

  it('DURATION and RATE_SCALE change the k6 options as --duration and --rate-scale change the driver', () => {
    const { options } = initK6Script(resolve(here, 'psc-day.ts'), {
      ...env,
      DURATION: '30',
      RATE_SCALE: '0.5',
    }).module;
    expect(options).toEqual(k6Options(loadPlan(readProfile('psc-day'), { durationS: 30, rateScale: 0.5 })));
  });

  it('sends for arrival k of each scenario the request the built-in driver sends', () => {
    const { module, requests, execution } = initK6Script(resolve(here, 'smoke.ts'), env);
    const plan = loadPlan(readProfile('smoke'));
    const data = loadData(readProfile('smoke'), readContract(), 'k6-test');
    // Document numbers as the target issued them in setup: both tools put them in the same requests.
    const issued = Array.from({ length: 20 }, (_, i) => `X${String(10_000_000 + i * 7).slice(-8)}`);
    const wire = wireRequests(plan, data, new URL(env.TARGET), tokens, issued);
    plan.scenarios.forEach((s, i) => {
      execution.scenario = { name: s.name, iterationInTest: 23 };
      module.request({ documents: issued });
      const [method, url, body, params] = requests[requests.length - 1] as [
        string,
        string,
        string | null,
        { headers: Record<string, string> },
      ];
      const w = wire[i][23 % wire[i].length];
      expect({ method, url, body, headers: params.headers }).toEqual({
        method: w.method,
        url: `http://127.0.0.1:9999${w.path}`,
        body: w.body ? w.body.toString() : null,
        headers: w.headers,
      });
    });
  });
});
