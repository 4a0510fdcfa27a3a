import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reproducibleDigest } from '../../reports/certification-report.ts';
import { loadPublicKey } from '../../reports/signing-key.ts';
import { verifyReport } from '../../reports/verify-report.ts';
import { schemaValidator } from '../contract/validate.ts';
import type { CertificationSuite } from './certification-suite.ts';
import { fakeTarget } from './fake-target.test-helper.ts';
import { runCertification, UnknownRequirementError, uncertifiableReport } from './run-certification.ts';
import { PUBLIC_KEY_FILE, writeCertification } from './write-certification.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-certify-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const jwtMissing: CertificationSuite = {
  id: 'fake-auth',
  title: 'Fake authentication',
  produces: ['security/jwt-missing'],
  requires: ['api'],
  run: async (ctx) => [
    {
      test: 'security/jwt-missing',
      outcome: 'pass',
      summary: `checked with ${ctx.random('x').uint32() % 7} probes`,
      volatile: { p50Ms: Math.random() },
    },
  ],
};

const identifiers: CertificationSuite = {
  id: 'fake-ids',
  title: 'Fake identifier analysis',
  produces: ['leakage/identifier-analysis'],
  requires: ['api'],
  run: async (ctx) => {
    const [r] = ctx.residents.take(1, () => true, 'fake-ids');
    return [
      {
        test: 'leakage/identifier-analysis',
        outcome: 'measured',
        summary: `resident ${r.iin.length}-digit IIN`,
        measurements: {
          entropyBits: { value: 122, unit: 'bits' },
          dependenceFlags: { value: 0, unit: 'flags' },
        },
      },
    ];
  },
};

const throwing: CertificationSuite = {
  id: 'fake-throws',
  title: 'Fake suite that throws',
  produces: ['security/injection'],
  requires: ['api'],
  run: async () => {
    throw new Error('boom at step 3');
  },
};

const sloppy: CertificationSuite = {
  id: 'fake-sloppy',
  title: 'Fake suite that breaks its declaration',
  produces: ['security/oversized-body', 'security/malformed-body'],
  requires: ['api'],
  run: async () => [
    { test: 'security/oversized-body', outcome: 'pass', summary: 'ok' },
    { test: 'security/role-matrix', outcome: 'pass', summary: 'not mine' },
  ],
};

const scanner: CertificationSuite = {
  id: 'fake-scanner',
  title: 'Fake scanner suite',
  produces: ['scanner/resolution'],
  requires: ['scanners'],
  run: async () => [{ test: 'scanner/resolution', outcome: 'pass', summary: 'never runs here' }],
};

const SUITES = [jwtMissing, identifiers, throwing, sloppy, scanner];
const ONLY = [
  'SEC-AUT-01',
  'DEP-IID-01',
  'DEP-IID-02',
  'SEC-INP-01',
  'SEC-INP-02',
  'SEC-ACL-01',
  'SCA-RES-01',
];
const clock = () => new Date('2026-01-01T00:00:00Z');

async function run(seed = 'runner-test') {
  return runCertification({
    target: fakeTarget(['api', 'all-roles']),
    seed,
    quick: true,
    population: 50,
    only: ONLY,
    suites: SUITES,
    clock,
  });
}

describe('runCertification', () => {
  it('judges the selected requirements on the suites that evidence them', async () => {
    const { report } = await run();
    const v = Object.fromEntries(report.requirements.map((r) => [r.id, r]));
    expect(report.requirements.map((r) => r.id).sort()).toEqual([...ONLY].sort());
    expect(v['SEC-AUT-01'].verdict).toBe('pass');
    expect(v['DEP-IID-01'].verdict).toBe('pass');
    expect(v['DEP-IID-02'].verdict).toBe('pass');
    expect(v['SEC-INP-01']).toMatchObject({
      verdict: 'not-evaluated',
      reason: expect.stringMatching(/boom at step 3/),
    });
    expect(v['SEC-INP-02']).toMatchObject({
      verdict: 'not-evaluated',
      reason: expect.stringMatching(/fake-sloppy declares security\/malformed-body but gave no evidence/),
    });
    expect(v['SEC-ACL-01']).toMatchObject({
      verdict: 'not-evaluated',
      reason: expect.stringMatching(/does not declare/),
    });
    expect(v['SCA-RES-01']).toMatchObject({
      verdict: 'not-evaluated',
      reason: expect.stringMatching(/scanners/),
    });
    expect(report.verdict).toBe('not-evaluated');
    expect(report.options).toMatchObject({ population: 50, quick: true, flaw: null });
    expect([...(report.options.only ?? [])].sort()).toEqual([...ONLY].sort());
  });

  it('moves volatile figures to the timings and reproduces the rest', async () => {
    const a = await run();
    const b = await run();
    const auth = a.report.requirements.find((r) => r.id === 'SEC-AUT-01');
    expect(JSON.stringify(auth?.evidence)).not.toContain('p50Ms');
    const timing = a.report.timings.tests.find((t) => t.test === 'security/jwt-missing');
    expect(timing).toMatchObject({ suite: 'fake-auth', volatile: { p50Ms: expect.any(Number) } });
    expect(reproducibleDigest(a.report)).toBe(reproducibleDigest(b.report));
    const other = await run('another-seed');
    expect(reproducibleDigest(other.report)).not.toBe(reproducibleDigest(a.report));
  });

  it('gives every API test the reason when the target does not answer its contract', async () => {
    const garbage = fakeTarget(['api'], async () => ({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html>hi</html>',
    }));
    const { report } = await runCertification({
      target: garbage,
      seed: 's',
      quick: true,
      population: 10,
      only: ['SEC-AUT-01'],
      suites: SUITES,
      clock,
    });
    expect(report.requirements[0]).toMatchObject({
      verdict: 'not-evaluated',
      reason: expect.stringMatching(/outside the contract/),
    });
  });

  it('refuses requirement IDs the catalogue does not have', async () => {
    await expect(
      runCertification({
        target: fakeTarget(['api']),
        seed: 's',
        quick: true,
        population: 10,
        only: ['SEC-XYZ-99'],
      }),
    ).rejects.toThrow(UnknownRequirementError);
  });

  it('writes a signed, schema-valid report with the public key beside it', async () => {
    const { report } = await run();
    const dir = join(root, 'out');
    const written = await writeCertification(dir, report);
    const text = readFileSync(join(dir, 'report.json'), 'utf8');
    const key = await loadPublicKey(join(dir, PUBLIC_KEY_FILE));
    const check = verifyReport(text, { trustedKey: key });
    expect(check.ok, JSON.stringify(check)).toBe(true);
    expect(readFileSync(written.html, 'utf8')).toContain('SEC-AUT-01');
    expect(readFileSync(join(dir, 'report.junit.xml'), 'utf8')).toContain('<testsuites');
  });
});

describe('uncertifiableReport', () => {
  it('says not-evaluated with the reason for every requirement', () => {
    const report = uncertifiableReport({
      seed: 's',
      quick: false,
      population: null,
      target: { kind: 'http', name: 'vendor.yaml', version: null, baseUrl: null, configDigest: null },
      reason: 'the target config is invalid: api.baseUrl: must match format "uri"',
      clock,
    });
    expect(report.verdict).toBe('not-evaluated');
    expect(report.summary.notEvaluated).toBe(report.summary.total);
    for (const r of report.requirements) expect(r.reason).toMatch(/api\.baseUrl/);
    const validate = schemaValidator('certification-report.schema.json');
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
  });
});
