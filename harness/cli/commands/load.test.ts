import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthProfile, tinyServer } from '../../../perf/driver/tiny-server.test-helper.ts';
import { assertValid } from '../../contract/validate.ts';
import { runCli } from '../run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-load-cli-'));
const server = await tinyServer();
afterAll(async () => {
  await server.app.close();
  rmSync(root, { recursive: true, force: true });
});

const health = join(root, 'health.json');
writeFileSync(health, JSON.stringify(healthProfile(60, 1)));
const small = join(root, 'small.json');
writeFileSync(
  small,
  JSON.stringify({
    ...healthProfile(10, 1),
    name: 'small',
    mix: [{ operationId: 'verify', weight: 1 }],
    dataset: { residents: 4 },
  }),
);

describe('dactylo load: refusals before any load is sent', () => {
  let before = 0;
  beforeAll(() => {
    before = server.received();
  });
  afterAll(() => expect(server.received()).toBe(before));

  it('an unknown profile is a usage error listing the shipped ones', async () => {
    const r = await runCli(['load', '--target', server.url, '--profile', 'weekend-rush']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown profile 'weekend-rush'.*psc-day.*smoke/);
  });

  it('a malformed profile file names the bad field', async () => {
    const bad = join(root, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...healthProfile(10, 1), arrival: { model: 'constant', ratePerS: -3 } }),
    );
    const r = await runCli(['load', '--target', server.url, '--profile', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/arrival');
    const notJson = join(root, 'not.json');
    writeFileSync(notJson, '{ "name": ');
    expect((await runCli(['load', '--target', server.url, '--profile', notJson])).stderr).toContain(
      'not JSON',
    );
  });

  it('a non-loopback target needs --allow-remote', async () => {
    const r = await runCli(['load', '--target', 'http://192.0.2.7:8080', '--profile', health]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--allow-remote');
  });

  it('an unreachable target fails with the reason', async () => {
    const r = await runCli(['load', '--target', 'http://127.0.0.1:9', '--profile', health]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot reach target http:\/\/127\.0\.0\.1:9: ECONNREFUSED/);
  });

  it('a non-empty --out is refused before the run, not after it', async () => {
    const out = join(root, 'occupied');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'x');
    const r = await runCli(['load', '--target', server.url, '--profile', health, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not empty');
  });

  it('an operation that needs a role without --tokens is a usage error', async () => {
    const r = await runCli(['load', '--target', server.url, '--profile', small]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("needs a 'psc-operator' token");
  });
});

describe('dactylo load data', () => {
  it('writes the same payload bytes for the same seed, with seed and version in the manifest', async () => {
    const a = join(root, 'data-a');
    const b = join(root, 'data-b');
    expect((await runCli(['load', 'data', '--profile', small, '--out', a, '--seed', '42'])).code).toBe(0);
    expect((await runCli(['load', 'data', '--profile', small, '--out', b, '--seed', '42'])).code).toBe(0);
    const files = readdirSync(a).sort();
    expect(files).toEqual(['manifest.json', 'setup-enrol.ndjson', 'verify.ndjson']);
    for (const f of files) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f)))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ seed: '42', version: expect.any(String), profile: 'small' });
    const verify = JSON.parse(readFileSync(join(a, 'verify.ndjson'), 'utf8').split('\n')[0]);
    expect(verify.body.fingerprints[0].format).toBe('iso19794-2');
    expect(Buffer.from(verify.body.fingerprints[0].data, 'base64').subarray(0, 4).toString()).toBe('FMR\0');
  });
});

describe('dactylo load against a tiny server', () => {
  it('writes a schema-valid summary, the per-second series and the HTML report', async () => {
    const out = join(root, 'run');
    const r = await runCli([
      'load',
      '--target',
      server.url,
      '--profile',
      health,
      '--out',
      out,
      '--workers',
      '2',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/health-test: offered 60\/s.*60\/60 ok/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assertValid('load-summary.schema.json', summary);
    expect(summary.workers).toBe(2);
    const series = JSON.parse(readFileSync(join(out, 'timeseries.json'), 'utf8'));
    expect(series[0]).toMatchObject({ t: 0, sent: 60 });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html.match(/<svg/g)).toHaveLength(2);
  });

  it('capacity: searches over short steps and writes the curve', async () => {
    const out = join(root, 'capacity');
    const r = await runCli([
      'load',
      'capacity',
      '--target',
      server.url,
      '--profile',
      health,
      '--out',
      out,
      '--workers',
      '1',
      '--step-duration',
      '500ms',
      '--max-steps',
      '2',
    ]);
    expect(r.code).toBe(0);
    const c = JSON.parse(readFileSync(join(out, 'capacity.json'), 'utf8'));
    expect(c.steps.map((s: { rateScale: number }) => s.rateScale)).toEqual([1, 2]);
    expect(c.rate).toBeGreaterThanOrEqual(60);
    expect(existsSync(join(out, 'capacity.html'))).toBe(true);
  });
});
