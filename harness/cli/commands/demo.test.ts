import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

// The population summary alone (--enrol 0); the reference system's story is in demo.slow.test.ts.
const demo = (...args: string[]) => runCli(['demo', '--enrol', '0', ...args]);

describe('dactylo demo', () => {
  it('summarises a population: ages, statuses, documents, regions, events, fingers', async () => {
    const { code, stdout } = await demo('--seed', '7', '--count', '400');
    expect(code).toBe(0);
    expect(stdout).toMatch(/seed 7, as of 2025-01-01: 400 residents/);
    for (const section of [
      'Age',
      'Legal status',
      'Documents',
      'Region of residence',
      'Life events',
      'Fingers',
    ])
      expect(stdout).toContain(section);
    expect(stdout).toMatch(/under 12 +\d+\.\d %/);
    expect(stdout).toContain('Ulytau Region');
  });

  it('is reproducible and takes its defaults without flags', async () => {
    const a = await demo('--count', '200');
    expect(a.stdout).toMatch(/seed dactylo/);
    expect((await demo('--count', '200')).stdout).toBe(a.stdout);
  });

  it('rejects a bad count with one line', async () => {
    const { code, stderr } = await demo('--count', '0');
    expect(code).toBe(2);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('rejects a database URL it cannot open before doing any work', async () => {
    const { code, stderr } = await demo('--database-url', 'mysql://db/x');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--database-url must start with postgres:\/\//);
    expect((await demo('--enrol', '-1')).code).toBe(2);
  });
});
