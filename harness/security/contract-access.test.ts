import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../sim/services/reference-server.ts';
import { ROLE_MATRIX } from '../../sim/services/role-matrix.ts';
import { chainShapeProblems } from './audit-export.ts';
import { contractAccess, statedBodyLimit } from './contract-access.ts';
import { injectionCorpus } from './injection-probe.ts';

describe('what the security tests read from the contract', () => {
  it('the role matrix is the reference server’s, and writes are the operations with an Idempotency-Key', () => {
    const ops = contractAccess();
    expect(Object.fromEntries(ops.map((o) => [o.operationId, o.access]))).toEqual(ROLE_MATRIX);
    expect(ops.filter((o) => o.write).map((o) => o.operationId)).toEqual([
      'enrol',
      'reportDocument',
      'recordDeath',
    ]);
  });

  it('the stated body limit is the reference server’s', () => {
    expect(statedBodyLimit()).toBe(BODY_LIMIT_BYTES);
  });
});

describe('audit chain shape', () => {
  const entry = (seq: number, prevHash: string, hash: string) => ({
    seq,
    at: '2025-06-01T09:00:00Z',
    actorId: 'a',
    role: 'auditor' as const,
    action: 'x',
    purpose: null,
    caseReference: null,
    subjects: [],
    prevHash,
    hash,
  });
  it('a linked chain has no problems; placeholders and broken links are named', () => {
    expect(chainShapeProblems([entry(1, '0', 'a'), entry(2, 'a', 'b'), entry(3, 'b', 'c')])).toEqual([]);
    const zeros = '0'.repeat(64);
    expect(chainShapeProblems([entry(1, zeros, zeros), entry(2, zeros, zeros)])).toEqual([
      '2 entries carry only 1 distinct hashes',
      '2 entries have hash = prevHash',
    ]);
    expect(chainShapeProblems([entry(1, '0', 'a'), entry(2, 'x', 'b')])).toEqual([
      "entry 2: prevHash is not entry 1's hash",
    ]);
  });
});

describe('injection corpus', () => {
  it('quick runs send one payload of every family; full runs all', () => {
    const quick = injectionCorpus(true);
    const full = injectionCorpus(false);
    expect(new Set(quick.map((p) => p.family)).size).toBe(quick.length);
    expect(new Set(full.map((p) => p.family))).toEqual(new Set(quick.map((p) => p.family)));
    expect(full.length).toBeGreaterThan(quick.length);
  });
});
