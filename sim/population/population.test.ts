import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { population, populationCapacity, populationHeader, populationNdjson } from './population.ts';

const ndjson = (seed: string, count: number) => [...populationNdjson({ seed, count })].join('');

describe('population', () => {
  it('gives the same bytes for the same seed, and different bytes for another', () => {
    const a = ndjson('bytes', 500);
    expect(ndjson('bytes', 500)).toBe(a);
    expect(ndjson('bytes2', 500)).not.toBe(a);
  });

  it('pins the bytes of a known seed, so that any change to generation is noticed', () => {
    // If this fails, every population file and every report made from a seed changes meaning: make
    // sure the change is wanted, then bump the version and update the snapshot.
    const lines = ndjson('dactylo', 200).split('\n').slice(1).join('\n');
    expect(createHash('sha256').update(lines).digest('hex')).toMatchSnapshot();
  });

  it('starts with a header naming generator, version, seed and as-of, then one resident per line', () => {
    const lines = ndjson('lines', 20).trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(JSON.parse(lines[0])).toEqual({
      kind: 'dactylo-population',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      seed: 'lines',
      asOf: '2025-01-01',
      count: 20,
    });
    expect(lines.slice(1).map((l) => JSON.parse(l).index)).toEqual([...Array(20).keys()]);
  });

  it('is the same split into chunks as in one piece', () => {
    const whole = [...population({ seed: 'chunks', count: 300 })];
    const parts = [0, 100, 200].flatMap((start) => [...population({ seed: 'chunks', count: 100, start })]);
    expect(parts).toEqual(whole);
  });

  it('normalises numeric seeds like the CLI does', () => {
    expect(populationHeader({ seed: 42, count: 1 }).seed).toBe('42');
    expect([...population({ seed: 42, count: 3 })]).toEqual([...population({ seed: '42', count: 3 })]);
  });

  it('refuses counts beyond its capacity and negative ranges', () => {
    const capacity = populationCapacity('cap');
    expect(capacity).toBeGreaterThanOrEqual(20_000_000);
    expect(() => [...population({ seed: 'cap', count: capacity + 1 })]).toThrow(/capacity/);
    expect(() => [...population({ seed: 'cap', count: -1 })]).toThrow(RangeError);
  });
});
