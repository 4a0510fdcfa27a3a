import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeIsoTemplate } from '../../../sim/matcher/iso19794-2.ts';
import { genuineMate, syntheticFinger } from '../../../sim/matcher/mcc/synthetic-minutiae.ts';
import { templateToJson } from '../../../sim/matcher/template-json.ts';
import { thresholdAtFmr } from '../../../sim/matcher/thresholds.ts';
import { stream } from '../../../sim/random/index.ts';
import { fvcMissingReason, fvcSetDir } from '../../../sim/runtime/shared-data.ts';
import { runCli } from '../run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-match-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const finger = syntheticFinger(stream('match-cli', 'a'));
const mate = genuineMate(stream('match-cli', 'mate'), finger, { rotation: 0.2, shiftX: 20 });
const other = syntheticFinger(stream('match-cli', 'b'));
writeFileSync(join(root, 'a.json'), JSON.stringify(templateToJson(finger)));
writeFileSync(join(root, 'mate.ist'), encodeIsoTemplate(mate));
writeFileSync(join(root, 'other.json'), JSON.stringify(templateToJson(other)));
writeFileSync(join(root, 'broken.ist'), Buffer.from('FMR\0garbage'));

const run = (args: string[]) => runCli(['match', ...args]);

describe('dactylo match', () => {
  it('matches a template JSON with its mate’s ISO record at the default FMR 0.1 %', async () => {
    const r = await run([join(root, 'a.json'), join(root, 'mate.ist')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^score 0\.\d{4} \(40 and \d+ minutiae\)\nmatch at FMR 0\.1 % \(threshold 0\.\d{4}\)\n$/,
    );
  });

  it('rejects another finger, and prints JSON on request', async () => {
    const r = await run([join(root, 'a.json'), join(root, 'other.json'), '--fmr', '0.01', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ fmr: 0.01, threshold: thresholdAtFmr(0.01), decision: 'no match' });
    expect(out.score).toBeLessThan(out.threshold);
  });

  it.each([
    [['a.json', 'missing.ist'], 1, /missing\.ist: cannot read \(ENOENT\)/],
    [['a.json', 'broken.ist'], 1, /broken\.ist: /],
    [['a.json', 'other.json', '--fmr', '0.05'], 2, /--fmr must be one of 0\.01, 0\.001, 0\.0001/],
  ])('refuses %j with one line', async (args, code, message) => {
    const r = await run(args.map((a) => (a.startsWith('--') || a === '0.05' ? a : join(root, a))));
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').length).toBe(1);
  });

  const db1 = fvcSetDir('fvc2002-db1b');
  const title = 'extracts images and matches two impressions of one finger';
  it.skipIf(!db1)(db1 ? title : `${title} (skipped: ${fvcMissingReason('fvc2002-db1b')})`, async () => {
    const r = await run([join(db1!, '101_1.tif'), join(db1!, '101_2.tif'), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).decision).toBe('match');
  });
});
