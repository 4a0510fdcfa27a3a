import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValid } from '../../contract/validate.ts';
import { runCli } from '../run-cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dactylo-scanner-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('dactylo scanner check: usage', () => {
  it('wants exactly one device source', async () => {
    const none = await runCli(['scanner', 'check', '--out', join(dir, 'r.json')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/exactly one of --profile NAME, --device URL or --images DIR/);
    const two = await runCli([
      'scanner',
      'check',
      '--profile',
      'optical-500',
      '--images',
      dir,
      '--out',
      join(dir, 'r.json'),
    ]);
    expect(two.code).toBe(2);
  });

  it('names the bad value of --spec, --profile and --device', async () => {
    const spec = await runCli([
      'scanner',
      'check',
      '--profile',
      'optical-500',
      '--spec',
      'iso',
      '--out',
      join(dir, 'r.json'),
    ]);
    expect(spec.code).toBe(2);
    expect(spec.stderr).toMatch(/--spec must be one of appendix-f, piv, got 'iso'/);
    const profile = await runCli(['scanner', 'check', '--profile', 'flatbed', '--out', join(dir, 'r.json')]);
    expect(profile.stderr).toMatch(/--profile must be one of .*optical-500/);
    const url = await runCli(['scanner', 'check', '--device', 'ftp://x', '--out', join(dir, 'r.json')]);
    expect(url.stderr).toMatch(/--device must be an http\(s\) URL/);
  });

  it('writes a valid not-measured report and exits 1 when the image folder has no manifest', async () => {
    const empty = await mkdtemp(join(dir, 'empty-'));
    const out = join(dir, 'empty.json');
    const r = await runCli([
      'scanner',
      'check',
      '--images',
      empty,
      '--out',
      out,
      '--html',
      join(dir, 'empty.html'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/verdict not-measured/);
    const report = JSON.parse(await readFile(out, 'utf8'));
    assertValid('scanner-conformance-report.schema.json', report);
    expect(report.checks[0].reason).toMatch(/manifest\.json: missing/);
    expect(await readFile(join(dir, 'empty.html'), 'utf8')).toMatch(/Overall verdict: <b>not-measured<\/b>/);
  });
});

describe('dactylo scanner targets', () => {
  it('writes nine print targets and a valid manifest, all or nothing', async () => {
    const out = join(dir, 'targets');
    const r = await runCli(['scanner', 'targets', '--out', out, '--size', '8x9', '--print-ppi', '600']);
    expect(r.code, r.stderr).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files).toContain('manifest.json');
    expect(files.filter((f) => f.endsWith('.png'))).toHaveLength(9);
    const m = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    assertValid('scanner-targets-manifest.schema.json', m);
    expect(m.targets.find((t: { id: string }) => t.id === 'bars-x').frequencies).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    const again = await runCli(['scanner', 'targets', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('refuses a resolution other than 500 or 1000 and a malformed size', async () => {
    expect((await runCli(['scanner', 'targets', '--out', join(dir, 'x'), '--ppi', '600'])).stderr).toMatch(
      /--ppi must be 500 or 1000/,
    );
    expect((await runCli(['scanner', 'targets', '--out', join(dir, 'x'), '--size', '20'])).stderr).toMatch(
      /--size must be WIDTHxHEIGHT/,
    );
  });
});
