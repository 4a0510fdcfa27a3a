import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { assertValid } from '../../contract/validate.ts';
import { main } from '../main.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-fingerprints-workers-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function generate(workers: number): Promise<string> {
  const out = join(root, `w${workers}`);
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const args = ['--seed', 'cli-workers', '--subjects', '2', '--fingers', '6-7', '--impressions', '2'];
    expect(
      await main(['node', 'dactylo', 'fingerprints', ...args, '--out', out, '--workers', String(workers)]),
    ).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('dactylo fingerprints across worker counts', () => {
  it('writes byte-identical images and manifest with --workers 1 and --workers 2', async () => {
    const one = await generate(1);
    const two = await generate(2);
    const files = readdirSync(one).sort();
    expect(readdirSync(two).sort()).toEqual(files);
    expect(files).toHaveLength(9);
    for (const f of files)
      expect(readFileSync(join(two, f)).equals(readFileSync(join(one, f))), f).toBe(true);
    assertValid(
      'fingerprint-manifest.schema.json',
      JSON.parse(readFileSync(join(one, 'manifest.json'), 'utf8')),
    );
  });
});
