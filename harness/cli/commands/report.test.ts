import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reproducibleDigest } from '../../../reports/certification-report.ts';
import { writeReportDirectory } from '../../../reports/report-directory.ts';
import { sampleReport } from '../../../reports/report-fixture.test-helper.ts';
import { loadPrivateKey } from '../../../reports/signing-key.ts';
import { runCli } from '../run-cli.ts';
import { KEY_FILES } from './keys.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-report-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const keys = join(root, 'keys');
const other = join(root, 'other');
const file = join(root, 'run', 'report.json');

beforeAll(async () => {
  await runCli(['keys', 'generate', '--out', keys]);
  await runCli(['keys', 'generate', '--out', other]);
  await writeReportDirectory(
    join(root, 'run'),
    sampleReport(),
    await loadPrivateKey(join(keys, KEY_FILES.private)),
  );
});

describe('dactylo report verify', () => {
  it('accepts a report signed by the given key and prints its verdict and digest', async () => {
    const r = await runCli(['report', 'verify', file, '--public-key', join(keys, KEY_FILES.jwk)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/schema valid; signature valid, signed by the given key/);
    expect(r.stdout).toContain(`reproducible digest ${reproducibleDigest(sampleReport())}`);
    const embedded = await runCli(['report', 'verify', file]);
    expect(embedded.stdout).toMatch(/pass --public-key to check who signed/);
  });

  it('exits 1 on a tampered report, another signer, a schema error and an unsigned report', async () => {
    const text = readFileSync(file, 'utf8');
    const tampered = join(root, 'tampered.json');
    writeFileSync(tampered, text.replace('"seed": "certify-test"', '"seed": "certify-tesT"'));
    const t = await runCli(['report', 'verify', tampered, '--public-key', join(keys, KEY_FILES.public)]);
    expect(t).toMatchObject({ code: 1, stderr: expect.stringMatching(/changed after signing/) });
    const o = await runCli(['report', 'verify', file, '--public-key', join(other, KEY_FILES.public)]);
    expect(o).toMatchObject({ code: 1, stderr: expect.stringMatching(/not by the given public key/) });
    const bad = join(root, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(text), verdict: 'maybe' }));
    const b = await runCli(['report', 'verify', bad]);
    expect(b).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/\/verdict must be equal to one of the allowed values/),
    });
    const unsigned = join(root, 'unsigned.json');
    const { signature: _s, ...rest } = JSON.parse(text);
    writeFileSync(unsigned, JSON.stringify(rest));
    expect((await runCli(['report', 'verify', unsigned])).stderr).toMatch(
      /not signed \(pass --allow-unsigned/,
    );
    expect((await runCli(['report', 'verify', unsigned, '--allow-unsigned'])).code).toBe(0);
  });

  it('exits 2 for a bad key file or contradictory flags, 1 for a missing report', async () => {
    const r = await runCli(['report', 'verify', file, '--public-key', join(root, 'nope.pem')]);
    expect(r).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--public-key .*nope\.pem: cannot read key/),
    });
    const both = await runCli([
      'report',
      'verify',
      file,
      '--allow-unsigned',
      '--public-key',
      join(keys, KEY_FILES.public),
    ]);
    expect(both.code).toBe(2);
    expect((await runCli(['report', 'verify', join(root, 'missing.json')])).code).toBe(1);
  });

  it('render rebuilds the HTML and JUnit files of a report, byte for byte', async () => {
    const out = join(root, 'rendered');
    const r = await runCli(['report', 'render', file, '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(
      readFileSync(join(root, 'run', 'report.html'), 'utf8'),
    );
    expect(readFileSync(join(out, 'report.junit.xml'), 'utf8')).toBe(
      readFileSync(join(root, 'run', 'report.junit.xml'), 'utf8'),
    );
    const bad = join(root, 'bad-render.json');
    writeFileSync(bad, '{"schema": 2}');
    expect((await runCli(['report', 'render', bad, '--out', join(root, 'r2')])).code).toBe(1);
  });
});
