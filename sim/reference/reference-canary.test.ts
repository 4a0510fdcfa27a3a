import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FingerPosition } from '../fingerprints/finger-position.ts';
import { formatIin } from '../population/iin.ts';
import {
  AUDITOR,
  POLICE,
  PSC,
  startTestSystem,
  type TestSystem,
} from './reference-test-system.test-helper.ts';
import { syntheticPrints } from './synthetic-applicants.ts';
import type { EnrolRequest } from './types.ts';

const SEED = 'canary';
const ALL: FingerPosition[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/** Residents whose every identifying value is unique enough to grep for. */
const CANARIES = [
  {
    birthDate: '1961-11-13',
    sex: 'M' as const,
    surname: 'Qzxcanaryov',
    givenName: 'Vexmarkbek',
    patronymic: 'Jorplinovich',
  },
  {
    birthDate: '1973-07-29',
    sex: 'F' as const,
    surname: 'Канарейкина',
    givenName: 'Маркерлан',
    patronymic: null,
  },
  {
    birthDate: '1988-12-02',
    sex: 'M' as const,
    surname: "Wyqo'Tracer",
    givenName: 'Plumbix',
    patronymic: null,
  },
].map((c, i) => {
  const [y, m, d] = c.birthDate.split('-').map(Number);
  let iin: string | null = null;
  for (let reg = 7301 + i; !iin; reg++) iin = formatIin(y, m, d, c.sex, reg);
  return { ...c, iin };
});

function request(
  c: (typeof CANARIES)[number],
  subject: number,
  extra: Partial<EnrolRequest> = {},
): EnrolRequest {
  return {
    applicant: { ...c, citizenship: 'KAZ', status: 'citizen' },
    document: 'id-card',
    trigger: 'first-issue',
    channel: { kind: 'psc', office: 'PSC-KAR-03' },
    applicationDate: '2025-06-01',
    fingerprints: syntheticPrints(SEED, subject, 0, ALL),
    missingFingers: [],
    sensorProfile: 'optical-fvc2002',
    ...extra,
  };
}

/** Every way a value could hide: as written, lower case, hex and base64 of its UTF-8, compact dates. */
function forms(value: string): string[] {
  const plain = [value, value.replaceAll('-', '')];
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    plain.push(value.slice(2).replaceAll('-', ''), value.split('-').reverse().join('.'));
  return plain.flatMap((v) => {
    const bytes = Buffer.from(v, 'utf8');
    return [
      v.toLowerCase(),
      bytes.toString('hex'),
      bytes.toString('base64').replace(/=+$/, ''),
      bytes.toString('base64url').replace(/=+$/, ''),
    ];
  });
}

describe('canary residents leave no trace in the vault, the logs or the metrics', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
    let k = 0;
    const key = () => ({ idempotencyKey: `canary-key-${++k}` });
    for (const [i, c] of CANARIES.entries()) await t.system.enrol(request(c, i), PSC, key());
    // Exercise every path that logs or counts: renewal (1:1), double registration, refusal, bad input.
    await t.system.enrol(
      request(CANARIES[0], 0, { trigger: 'expiry', fingerprints: syntheticPrints(SEED, 0, 1, ALL) }),
      PSC,
      key(),
    );
    const impostor = {
      ...CANARIES[1],
      iin: formatIin(1973, 7, 29, 'F', 9001) ?? formatIin(1973, 7, 29, 'F', 9002)!,
    };
    await t.system.enrol(
      request(impostor, 2, { fingerprints: syntheticPrints(SEED, 2, 2, ALL) }),
      PSC,
      key(),
    );
    await t.system.enrol(request(CANARIES[2], 5, { refuses: true, trigger: 'name-change' }), PSC, key());
    const badIin = `${CANARIES[0].iin.slice(0, 11)}${(Number(CANARIES[0].iin[11]) + 1) % 10}`;
    await t.system
      .enrol(
        { ...request(CANARIES[0], 0), applicant: { ...request(CANARIES[0], 0).applicant, iin: badIin } },
        PSC,
        key(),
      )
      .catch(() => undefined);
    await t.system.verify({ iin: CANARIES[1].iin, fingerprints: syntheticPrints(SEED, 1, 3, [1, 6]) }, PSC);
    const found = await t.system.identify(
      {
        fingerprints: syntheticPrints(SEED, 1, 4, [2, 7]),
        purpose: 'road accident, unconscious',
        caseReference: 'ACC-2025-9',
      },
      POLICE,
    );
    await t.system.resolveSubject(
      found.candidates[0].subjectId,
      { purpose: 'road accident, unconscious', caseReference: 'ACC-2025-9' },
      POLICE,
    );
    await t.system.lookupResident(CANARIES[1].iin, PSC);
    await t.system.lookupResident(badIin, PSC).catch(() => undefined);
    await t.system.auditExport({}, AUDITOR);
  }, 120_000);
  afterAll(() => t.drop());

  it('enrolled the canaries (so that the search below has something to miss)', async () => {
    const [r] = await t.test.db.query<{ n: number }>('SELECT count(*)::int AS n FROM registry.subject_links');
    expect(r.n).toBe(3);
    const [names] = await t.test.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM registry.residents WHERE surname = $1',
      [CANARIES[0].surname],
    );
    expect(names.n).toBe(1);
  });

  it('finds none of their IINs, names or birth dates, in any form, anywhere in the vault schema, logs or metrics', async () => {
    const tables = await t.test.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'vault'",
    );
    expect(tables.length).toBeGreaterThan(0);
    const haystacks: { where: string; text: string; bytes?: Buffer }[] = [];
    for (const { table_name } of tables) {
      const rows = await t.test.db.query<Record<string, unknown>>(`SELECT * FROM vault.${table_name}`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows)
        for (const [column, value] of Object.entries(row)) {
          const bytes = value instanceof Uint8Array ? Buffer.from(value) : undefined;
          const text = bytes ? bytes.toString('hex') + bytes.toString('latin1') : JSON.stringify(value);
          haystacks.push({ where: `vault.${table_name}.${column}`, text: text.toLowerCase(), bytes });
        }
      const json = await t.test.db.query<{ j: string }>(
        `SELECT row_to_json(x)::text AS j FROM vault.${table_name} x`,
      );
      haystacks.push({
        where: `vault.${table_name} as JSON`,
        text: json
          .map((r) => r.j)
          .join('\n')
          .toLowerCase(),
      });
    }
    haystacks.push({ where: 'logs', text: JSON.stringify(t.logs).toLowerCase() });
    haystacks.push({ where: 'metrics', text: JSON.stringify(t.system.metrics()).toLowerCase() });
    expect(t.logs.length).toBeGreaterThan(5);
    const leaks: string[] = [];
    for (const c of CANARIES)
      for (const secret of [c.iin, c.surname, c.givenName, c.patronymic, c.birthDate].filter(
        (s): s is string => !!s,
      ))
        for (const form of forms(secret))
          for (const h of haystacks) {
            if (h.text.includes(form.toLowerCase())) leaks.push(`${h.where}: ${form}`);
            if (h.bytes?.includes(Buffer.from(secret, 'utf8')))
              leaks.push(`${h.where}: raw bytes of a canary value`);
          }
    expect(leaks).toEqual([]);
  });

  it('keeps only the capture week in the vault, never the enrolment instant', async () => {
    const weeks = await t.test.db.query<{ w: string }>(
      'SELECT DISTINCT captured_week::text AS w FROM vault.templates',
    );
    expect(weeks).toEqual([{ w: '2025-05-26' }]);
  });
});
