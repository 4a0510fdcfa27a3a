import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../../contract/validate.ts';
import { runCli } from '../run-cli.ts';

describe('dactylo requirements', () => {
  it('prints a schema-valid JSON array with --json', async () => {
    const r = await runCli(['requirements', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { id: string; family: string }[];
    const validate = schemaValidator('requirement.schema.json');
    for (const item of list) expect(validate(item), item.id).toBe(true);
    expect(new Set(list.map((x) => x.family))).toEqual(
      new Set(['POL', 'DEP', 'SEC', 'BIO', 'SCN', 'REL', 'SCA']),
    );
  });

  it('prints one tab-separated line per requirement when not on a terminal', async () => {
    const r = await runCli(['requirements', '--family', 'dep']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.every((l) => l.startsWith('DEP-'))).toBe(true);
    expect(lines.find((l) => l.startsWith('DEP-IID-01'))).toMatch(
      /\tleakage\/identifier-analysis\tentropyBits ≥ 122 bits$/,
    );
  });

  it('refuses an unknown family with exit code 2', async () => {
    const r = await runCli(['requirements', '--family', 'XYZ']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--family must be one of POL, DEP/);
  });
});
