import { describe, expect, it } from 'vitest';
import { containerPostgresUrl } from './container-postgres.ts';
import { postgresClient } from './pg-client.ts';

describe('containerPostgresUrl', () => {
  it('starts a PostgreSQL container where a container engine answers, and says undefined elsewhere', async () => {
    const tc = await import('testcontainers');
    const engine = await tc.getContainerRuntimeClient().then(
      () => true,
      () => false,
    );
    const url = await containerPostgresUrl();
    expect(url !== undefined).toBe(engine && process.env.DACTYLO_TESTCONTAINERS !== '0');
    if (url === undefined) return;
    const db = postgresClient(url);
    try {
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  }, 180_000);
});
