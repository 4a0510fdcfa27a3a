import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodeIsoTemplate } from '../matcher/iso19794-2.ts';
import { type FingerprintSetRequest, fingerJobs, produceFinger } from './fingerprint-set.ts';
import { generateMaster } from './master/master.ts';

const base: FingerprintSetRequest = {
  seed: 'set-test',
  subjects: 2,
  fingers: [2, 7],
  impressions: 2,
  sensor: 'optical-fvc2002',
  templatesOnly: false,
  layout: 'iso',
};

describe('fingerprint set', () => {
  const master = generateMaster('set-test', 2, 7);
  const job = fingerJobs(base)[3];

  it('orders jobs subject by subject, fingers in the order asked', () => {
    expect(fingerJobs(base).map((j) => [j.index, j.subject, j.position])).toEqual([
      [0, 1, 2],
      [1, 1, 7],
      [2, 2, 2],
      [3, 2, 7],
    ]);
  });

  it('writes {subject}_{finger}_{impression}.png, 8-bit grayscale at the sensor size, with ground truth', () => {
    const out = produceFinger(base, job, master);
    expect(out.files.map((f) => f.name)).toEqual(['2_7_1.png', '2_7_2.png']);
    const png = PNG.sync.read(Buffer.from(out.files[0].bytes));
    expect([png.width, png.height]).toEqual([388, 374]);
    expect(out.records[0]).toMatchObject({ file: '2_7_1.png', subject: 2, finger: 7, impression: 1 });
    expect(out.records[0].patternClass).toBe(master.patternClass);
    expect(out.records[0].minutiae.length).toBeGreaterThan(10);
  });

  it('numbers fingers from 1 in the FVC layout', () => {
    const out = produceFinger({ ...base, layout: 'fvc' }, job, master);
    expect(out.files.map((f) => f.name)).toEqual(['4_1.png', '4_2.png']);
    expect(out.records[1].fvcFinger).toBe(4);
  });

  it('writes ISO/IEC 19794-2 templates from the template-only model, listed in the manifest records', () => {
    const templates = produceFinger({ ...base, templatesOnly: true }, job);
    expect(templates.files.map((f) => f.name)).toEqual(['2_7_1.ist', '2_7_2.ist']);
    const t = decodeIsoTemplate(templates.files[1].bytes);
    expect([t.width, t.height, t.position]).toEqual([388, 374, 7]);
    const listed = templates.records[1].minutiae;
    expect(t.minutiae).toHaveLength(listed.length);
    expect(t.minutiae.map((m) => [m.x, m.y, m.type])).toEqual(listed.map((m) => [m.x, m.y, m.type]));
    expect(templates.records[1].patternClass).toBe(master.patternClass);
  });
});
