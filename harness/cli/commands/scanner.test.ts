import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

describe('dactylo scanner profiles', () => {
  it('prints {name, kind, description} for every profile with --json; mutants are named mutant-', async () => {
    const r = await runCli(['scanner', 'profiles', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; kind: string; description: string }[];
    expect(list.length).toBeGreaterThanOrEqual(10);
    for (const p of list) {
      expect(Object.keys(p).sort()).toEqual(['description', 'kind', 'name']);
      expect(['reference', 'mutant']).toContain(p.kind);
      expect(p.name.startsWith('mutant-')).toBe(p.kind === 'mutant');
    }
    expect(list.map((p) => p.name)).toEqual(
      expect.arrayContaining(['optical-500', 'capacitive-500', 'slap-500', 'mutant-weak-pad']),
    );
  });

  it('prints a table without --json', async () => {
    const r = await runCli(['scanner', 'profiles']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^slap-500 +reference +optical +500 ppi +81\.28×76\.2 mm/m);
  });
});

describe('dactylo scanner serve', () => {
  it('refuses an unknown profile or port with exit code 2, naming the choices', async () => {
    const r = await runCli(['scanner', 'serve', '--profile', 'flatbed']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--profile must be one of optical-500, .*got 'flatbed'/);
    const port = await runCli(['scanner', 'serve', '--profile', 'optical-500', '--port', '70000']);
    expect(port.code).toBe(2);
    expect(port.stderr).toMatch(/--port must be between 0 and 65535/);
  });
});
