import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../sim/storage/test-database.ts';
import { readOnlyClient } from './read-only-client.ts';
import { dumpSchemas } from './sql-dump.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.exec(`CREATE SCHEMA lab;
CREATE TABLE lab.rows (id int NOT NULL, note text, data bytea, "Mixed Case" date);
INSERT INTO lab.rows VALUES (2, E'tab\\there\\nnew line \\\\ slash', '\\x00ff10', '2025-01-06'), (1, NULL, NULL, NULL);`);
}, 120_000);
afterAll(() => t?.drop());

describe('dumpSchemas', () => {
  it('writes CREATE TABLE and COPY rows in text format, sorted, with bytea as hex and NULL as \\N', async () => {
    const dump = await dumpSchemas(readOnlyClient(t.db), ['lab']);
    expect(dump).toContain(
      'CREATE TABLE lab.rows (\n  id integer NOT NULL,\n  note text,\n  data bytea,\n  "Mixed Case" date\n);',
    );
    expect(dump).toContain('COPY lab.rows (id, note, data, "Mixed Case") FROM stdin;');
    const rows = dump
      .slice(dump.indexOf('FROM stdin;\n') + 12, dump.indexOf('\\.'))
      .trimEnd()
      .split('\n');
    expect(rows).toEqual([
      '1\t\\N\t\\N\t\\N',
      '2\ttab\\there\\nnew line \\\\ slash\t\\\\x00ff10\t2025-01-06',
    ]);
    expect(await dumpSchemas(readOnlyClient(t.db), ['lab'])).toBe(dump);
  });

  it('runs read-only', async () => {
    await expect(readOnlyClient(t.db).exec('DELETE FROM lab.rows')).rejects.toThrow(/read-only/);
  });
});
