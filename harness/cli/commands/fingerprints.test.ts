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
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { assertValid } from '../../contract/validate.ts';
import { runCli } from '../run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'dactylo-fingerprints-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (args: string[]) => runCli(['fingerprints', ...args]);

describe('dactylo fingerprints', () => {
  it.each([
    [['--impressions', '0'], /--impressions must be between 1 and 100, got 0/],
    [
      ['--sensor', 'flatbed'],
      /--sensor must be one of optical-fvc2002, optical-fvc2004, capacitive, large-area, got 'flatbed'/,
    ],
    [['--fingers', '11'], /--fingers must be a range within 1-10 .* got '11'/],
    [['--subjects', 'many'], /--subjects must be a whole number/],
    [['--layout', 'nist'], /--layout/],
  ])('rejects %j with one line, exit 2 and nothing written', async (bad, message) => {
    const out = join(root, `bad-${bad[0].slice(2)}`);
    const { code, stderr } = await run(['--seed', '1', '--subjects', '1', '--out', out, ...bad]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a non-empty output directory without touching it', async () => {
    const out = join(root, 'occupied');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const { code, stderr } = await run([
      '--seed',
      '1',
      '--subjects',
      '1',
      '--fingers',
      '2',
      '--impressions',
      '1',
      '--out',
      out,
      '--workers',
      '1',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/not empty/);
    expect(readdirSync(out)).toEqual(['keep.txt']);
  });

  it('writes the images and a manifest that satisfies the contract', async () => {
    const out = join(root, 'set');
    const { code } = await run([
      '--seed',
      '42',
      '--subjects',
      '1',
      '--fingers',
      '3',
      '--impressions',
      '2',
      '--out',
      out,
      '--workers',
      '1',
    ]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['1_3_1.png', '1_3_2.png', 'manifest.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    assertValid('fingerprint-manifest.schema.json', manifest);
    expect(manifest).toMatchObject({
      seed: '42',
      sensor: { name: 'optical-fvc2002', ppi: 500 },
      fingers: [3],
    });
    expect(manifest.images[1]).toMatchObject({ file: '1_3_2.png', subject: 1, finger: 3, impression: 2 });
    const png = readFileSync(join(out, '1_3_1.png'));
    expect(PNG.sync.read(png).width).toBe(388);
    expect(png.indexOf('pHYs')).toBeGreaterThan(0);
  });

  it('writes FVC-named ISO templates with --templates-only --layout fvc on another sensor', async () => {
    const out = join(root, 'fvc');
    const { code } = await run([
      '--seed',
      '42',
      '--subjects',
      '1',
      '--fingers',
      '3-4',
      '--impressions',
      '1',
      '--sensor',
      'capacitive',
      '--templates-only',
      '--layout',
      'fvc',
      '--out',
      out,
      '--workers',
      '1',
    ]);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['1_1.ist', '2_1.ist', 'manifest.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    assertValid('fingerprint-manifest.schema.json', manifest);
    expect(manifest.images.map((i: { fvcFinger: number }) => i.fvcFinger)).toEqual([1, 2]);
    expect(manifest.sensor).toMatchObject({ name: 'capacitive', width: 256, height: 360 });
  });

  it('the manifest contract rejects a record without ground truth', () => {
    expect(() =>
      assertValid('fingerprint-manifest.schema.json', {
        format: 'dactylo-fingerprint-set',
        seed: '1',
        version: '0.1.0',
        sensor: { name: 'x', technology: 'optical', ppi: 500, width: 1, height: 1 },
        layout: 'iso',
        templatesOnly: false,
        subjects: 1,
        fingers: [1],
        impressions: 1,
        images: [
          {
            file: '1_1_1.png',
            subject: 1,
            finger: 1,
            impression: 1,
            patternClass: 'arch',
            singularPoints: [],
          },
        ],
      }),
    ).toThrow(/minutiae/);
  });
});
