import { describe, expect, it } from 'vitest';
import { collectFingerprintSet, type FingerOutput, type FingerprintSetRequest } from './fingerprint-set.ts';

const request: FingerprintSetRequest = {
  seed: 'workers',
  subjects: 2,
  fingers: [1, 2],
  impressions: 2,
  sensor: 'optical-fvc2002',
  templatesOnly: false,
  layout: 'iso',
};

async function collect(workers: number) {
  const files = new Map<string, Buffer>();
  const records = await collectFingerprintSet(request, workers, async (out: FingerOutput) => {
    for (const f of out.files) files.set(f.name, Buffer.from(f.bytes));
  });
  return { files, records };
}

describe('fingerprint set across workers', () => {
  it('writes identical bytes and records with 1 and 2 worker threads', async () => {
    const one = await collect(1);
    const two = await collect(2);
    expect([...two.files.keys()].sort()).toEqual([...one.files.keys()].sort());
    for (const [name, bytes] of one.files) expect(two.files.get(name)?.equals(bytes), name).toBe(true);
    expect(two.records).toEqual(one.records);
    expect(one.files.size).toBe(8);
  });
});
