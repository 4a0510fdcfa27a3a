import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import http from 'k6/http';
import { type K6Options, k6Options } from '../../driver/k6-options.ts';
import type { LoadDataManifest, PreparedOperation, RequestRecord } from '../../driver/load-data-manifest.ts';
import { type LoadPlan, loadPlan } from '../../driver/load-plan.ts';
import type { LoadProfile } from '../../driver/load-profile.ts';

/**
 * What every profile script shares: the profile's plan turned into k6 options by the same function
 * the built-in driver's schedule comes from (perf/driver/load-plan.ts, k6-options.ts), payloads read
 * from a directory written by `dactylo load data`, tokens from `dactylo serve --token-file`.
 *
 * Environment (k6 -e NAME=VALUE):
 *   LOAD_DATA   absolute path of the `dactylo load data` directory (required)
 *   TARGET      base URL of the system under test (default http://127.0.0.1:8080)
 *   TOKENS      absolute path of the token file (required when the mix has non-public operations)
 *   DURATION    run length in seconds, replacing the profile's
 *   RATE_SCALE  multiplier of every arrival rate
 */

interface WireRecord {
  path: string;
  body: string | null;
  idempotencyKey: string | null;
  documentFromSetup: number | null;
}

/** What setup() hands to every VU: the document numbers the target issued to the setup enrolments. */
export interface SetupData {
  documents: (string | null)[];
}

export interface LoadScript {
  plan: LoadPlan;
  options: K6Options;
  setup(): SetupData;
  request(data: SetupData): void;
}

function envNumber(name: string): number | undefined {
  const v = __ENV[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!(n > 0)) throw new Error(`-e ${name}=${v}: expected a positive number`);
  return n;
}

function records(dir: string, op: PreparedOperation): WireRecord[] {
  // One copy of the payloads for all VUs, as plain objects with the body already serialised.
  return new SharedArray(op.file, () =>
    open(`${dir}/${op.file}`)
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l): WireRecord => {
        const r = JSON.parse(l) as RequestRecord;
        return {
          path: r.path ?? op.path,
          body: r.body === undefined ? null : JSON.stringify(r.body),
          idempotencyKey: r.idempotencyKey ?? null,
          documentFromSetup: r.documentFromSetup ?? null,
        };
      }),
  );
}

function headersFor(
  op: PreparedOperation,
  tokens: Record<string, string>,
  r: WireRecord,
): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json' };
  if (r.body !== null) h['content-type'] = 'application/json';
  if (op.role) {
    const token = tokens[op.role];
    if (!token) throw new Error(`${op.method} ${op.path} needs a '${op.role}' token: pass -e TOKENS=FILE`);
    h.authorization = `Bearer ${token}`;
  }
  if (r.idempotencyKey) h['idempotency-key'] = r.idempotencyKey;
  return h;
}

/** Builds a profile's script from the profile's JSON text (read with open() by the profile's file). */
export function loadScript(profileJson: string): LoadScript {
  const profile = JSON.parse(profileJson) as LoadProfile;
  const plan = loadPlan(profile, { durationS: envNumber('DURATION'), rateScale: envNumber('RATE_SCALE') });
  const options = k6Options(plan);
  const dir = __ENV.LOAD_DATA;
  if (!dir)
    throw new Error(
      `-e LOAD_DATA=DIR is required: prepare it with 'dactylo load data --profile ${profile.name} --out DIR'`,
    );
  const target = (__ENV.TARGET ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
  const manifest = JSON.parse(open(`${dir}/manifest.json`)) as LoadDataManifest;
  const tokens = __ENV.TOKENS
    ? (JSON.parse(open(__ENV.TOKENS)) as { tokens: Record<string, string> }).tokens
    : {};
  const pools: Record<string, WireRecord[]> = {};
  for (const s of plan.scenarios) {
    const op = manifest.operations[s.operationId];
    if (!op)
      throw new Error(`${dir} has no '${s.operationId}' payloads: prepare it for profile ${profile.name}`);
    pools[s.name] = records(dir, op);
  }
  const setupPool = manifest.setup ? records(dir, manifest.setup) : null;
  const expected = Object.fromEntries(
    plan.scenarios.map((s) => [
      s.name,
      s.expectedStatuses
        ? http.expectedStatuses(...s.expectedStatuses)
        : http.expectedStatuses({ min: 200, max: 299 }),
    ]),
  );
  const timeout = `${plan.requestTimeoutMs}ms`;

  return {
    plan,
    options,
    setup() {
      const op = manifest.setup;
      const documents: (string | null)[] = [];
      if (!op || !setupPool) return { documents };
      // Enrol the people that verification and identification look for, eight at a time, learning the document numbers it issues.
      for (let i = 0; i < setupPool.length; i += 8) {
        const batch = [];
        for (let j = i; j < Math.min(setupPool.length, i + 8); j++) {
          const r = setupPool[j];
          batch.push({
            method: op.method,
            url: target + r.path,
            body: r.body,
            params: {
              headers: headersFor(op, tokens, r),
              timeout: '60s',
              tags: { operation: 'setup' },
              responseType: 'text' as const,
            },
          });
        }
        for (const res of http.batch(batch)) {
          if (res.status < 200 || res.status > 299)
            throw new Error(
              `setup enrolment failed with HTTP ${res.status}; start 'dactylo serve' with --rate-limit 0`,
            );
          const number = (JSON.parse(String(res.body)) as { document?: { number?: string } }).document
            ?.number;
          documents.push(typeof number === 'string' ? number : null);
        }
      }
      return { documents };
    },
    request(data) {
      const name = exec.scenario.name;
      const op = manifest.operations[name];
      const pool = pools[name];
      // The same payload for the same arrival as the built-in driver: iteration k uses record k mod n.
      const r = pool[exec.scenario.iterationInTest % pool.length];
      const issued = r.documentFromSetup === null ? null : data.documents[r.documentFromSetup];
      const body =
        issued && r.body ? JSON.stringify({ ...JSON.parse(r.body), documentNumber: issued }) : r.body;
      http.request(op.method, target + r.path, body, {
        headers: headersFor(op, tokens, r),
        responseCallback: expected[name],
        tags: { operation: name },
        timeout,
      });
    },
  };
}
