import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../sim/storage/test-database.ts';
import { INJECTION_PAYLOADS, injectionVariants, vulnerabilityIndicators } from './injection-payloads.ts';

const body = {
  iin: '900215400123',
  name: { surname: 'Жолдасбекова', givenName: 'Әйгерім' },
  documents: [{ kind: 'passport', number: 'N12345678' }],
  fingers: [{ position: 2, image: 'iVBORw0KGgo=' }],
  consent: true,
};

describe('injection payloads', () => {
  it('make one variant per string field and payload, changing exactly that field', () => {
    const variants = injectionVariants(body, INJECTION_PAYLOADS, ['/fingers/0/image']);
    const paths = [...new Set(variants.map((v) => v.path))];
    expect(paths).toEqual([
      '/iin',
      '/name/surname',
      '/name/givenName',
      '/documents/0/kind',
      '/documents/0/number',
    ]);
    expect(variants).toHaveLength(paths.length * INJECTION_PAYLOADS.length);
    const v = variants.find((x) => x.path === '/documents/0/number' && x.payload.id === 'sql-tautology')!;
    expect(v.body).toEqual({ ...body, documents: [{ kind: 'passport', number: "' OR '1'='1" }] });
    expect(body.documents[0].number).toBe('N12345678');
  });

  it('have unique ids and cover every family', () => {
    expect(new Set(INJECTION_PAYLOADS.map((p) => p.id)).size).toBe(INJECTION_PAYLOADS.length);
    expect(new Set(INJECTION_PAYLOADS.map((p) => p.family)).size).toBe(11);
  });
});

describe('vulnerability indicators', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.db.exec('CREATE TABLE people (surname text)');
  }, 240_000);
  afterAll(() => t?.drop());

  it('recognise the error a concatenated SQL statement gives, and nothing from a parameterised one', async () => {
    const payload = INJECTION_PAYLOADS.find((p) => p.id === 'sql-stacked')!.payload;
    const vulnerable = await t.db.query(`SELECT * FROM people WHERE surname = '${payload}'`).then(
      () => 'no error',
      (e: Error) => e.message,
    );
    expect(vulnerabilityIndicators(vulnerable)).toContain('postgres-syntax-error');
    await t.db.query('INSERT INTO people VALUES ($1)', [payload]);
    const rows = await t.db.query('SELECT surname FROM people WHERE surname = $1', [payload]);
    expect(rows).toEqual([{ surname: payload }]);
  });

  it('recognise evaluated templates, reflected markup and stack traces, and stay quiet on a clean 422', () => {
    expect(vulnerabilityIndicators('{"surname":"1337"}')).toEqual(['template-evaluated']);
    expect(vulnerabilityIndicators('<p><script>alert(1)</script></p>')).toEqual(['reflected-script']);
    expect(vulnerabilityIndicators('Error: x\n    at parse (/srv/app.js:10:5)')).toEqual(['stack-trace']);
    expect(
      vulnerabilityIndicators(
        '{"code":"invalid-request","message":"/name/surname must match pattern","requestId":"a"}',
      ),
    ).toEqual([]);
  });
});
