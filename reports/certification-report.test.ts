import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaValidator } from '../harness/contract/validate.ts';
import { canonicalJson } from './canonical-json.ts';
import { reproducibleDigest } from './certification-report.ts';
import { junitXml } from './junit-xml.ts';
import { REPORT_FILES, writeReportDirectory } from './report-directory.ts';
import { sampleReport } from './report-fixture.test-helper.ts';
import { certificationHtml } from './report-html.ts';
import { generateSigningKeyPair } from './signing-key.ts';
import { verifyReport } from './verify-report.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('certification report', () => {
  const report = sampleReport();
  const byId = (id: string) => report.requirements.find((r) => r.id === id)!;

  it('is schema-valid and judges every requirement of the catalogue', () => {
    const validate = schemaValidator('certification-report.schema.json');
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
    expect(byId('DEP-PII-01').verdict).toBe('pass');
    expect(byId('DEP-PII-02').verdict).toBe('fail');
    expect(byId('DEP-IID-01')).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/121\.7/) });
    expect(byId('BIO-FMR-01').verdict).toBe('pass');
    expect(byId('DEP-LNK-01')).toMatchObject({
      verdict: 'not-evaluated',
      reason: expect.stringMatching(/second-deployment/),
    });
    expect(byId('SEC-JWT-01')).toMatchObject({
      verdict: 'not-evaluated',
      reason: expect.stringMatching(/no evidence from security\/jwt-key-confusion/),
    });
    expect(report.verdict).toBe('fail');
    expect(report.summary.pass + report.summary.fail + report.summary.notEvaluated).toBe(
      report.summary.total,
    );
    expect(report.summary.byFamily.DEP).toMatchObject({ pass: 2, fail: 2 });
  });

  it('records a NaN measurement as null and leaves the requirement not evaluated', () => {
    const r = sampleReport(undefined, undefined, ['second-deployment']);
    const lnk = r.requirements.find((x) => x.id === 'DEP-LNK-01')!;
    expect(lnk).toMatchObject({
      verdict: 'not-evaluated',
      reason: expect.stringMatching(/reported 'dSys' as NaN/),
    });
    expect(lnk.evidence[0].measurements?.dSys.value).toBeNull();
    // canonicalJson refuses NaN, so this is the check that none is left anywhere in the report.
    expect(() => canonicalJson(r)).not.toThrow();
  });

  it('reproduces byte for byte apart from timings', () => {
    const again = sampleReport('2027-01-01T00:00:00.000Z', 99);
    expect(reproducibleDigest(again)).toBe(reproducibleDigest(report));
    const { timings: _a, ...x } = again;
    const { timings: _b, ...y } = report;
    expect(JSON.stringify(x)).toBe(JSON.stringify(y));
    const changed = { ...again, seed: 'other' };
    expect(reproducibleDigest(changed)).not.toBe(reproducibleDigest(report));
  });

  it('renders a self-contained HTML page with the table, the evidence and inline SVG plots', () => {
    const html = certificationHtml(report);
    expect(html).toMatch(/Overall verdict <span class="v"[^>]*>fail<\/span>/);
    expect(html).toContain('<tr id="DEP-PII-02">');
    expect(html).toContain('2 hits in the request log');
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('<title>Attack success rates</title>');
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it('writes JUnit XML with a failure per failed and a skip per unevaluated requirement', () => {
    const xml = junitXml(report);
    expect(xml.match(/<failure /g)).toHaveLength(report.summary.fail);
    expect(xml.match(/<skipped /g)).toHaveLength(report.summary.notEvaluated);
    expect(xml.match(/<testcase /g)).toHaveLength(report.summary.total);
    expect(xml).toContain(
      `<testsuites name="dactylo certification of dactylo reference" tests="${report.summary.total}"`,
    );
  });

  it('writes a signed report directory that verifies, and detects tampering', async () => {
    const { privateKey, publicKey } = generateSigningKeyPair();
    const dir = join(root, 'out');
    await writeReportDirectory(dir, report, privateKey);
    for (const f of Object.values(REPORT_FILES)) expect(statSync(join(dir, f)).size).toBeGreaterThan(100);
    const text = readFileSync(join(dir, REPORT_FILES.json), 'utf8');
    const ok = verifyReport(text, { trustedKey: publicKey });
    expect(ok).toMatchObject({ ok: true, trusted: true, digest: reproducibleDigest(report) });
    const tampered = text.replace('"verdict": "fail"', '"verdict": "pass"');
    expect(tampered).not.toBe(text);
    expect(verifyReport(tampered, { trustedKey: publicKey })).toMatchObject({
      ok: false,
      problem: 'bad-signature',
    });
    expect(verifyReport('{"schema": 1')).toMatchObject({ ok: false, problem: 'not-json' });
    expect(verifyReport('{"schema": "x"}')).toMatchObject({
      ok: false,
      problem: 'schema',
      message: expect.stringMatching(/\/schema must be equal to constant/),
    });
    expect(verifyReport(JSON.stringify(report))).toMatchObject({ ok: false, problem: 'unsigned' });
    expect(verifyReport(JSON.stringify(report), { allowUnsigned: true })).toMatchObject({
      ok: true,
      keyId: null,
    });
    await expect(writeReportDirectory(dir, report)).rejects.toThrow(/not empty/);
  });
});
