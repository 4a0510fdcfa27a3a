import { describe, expect, it } from 'vitest';
import { generateMaster } from '../master/master.ts';
import { sensorProfile } from '../sensor-profile.ts';
import { contactPressure } from './contact-area.ts';
import { impressionGeometry, renderImpression } from './impression.ts';
import { transformInverse } from './impression-transform.ts';
import { localRidgePeriod } from './ridge-frequency.ts';

const sensor = sensorProfile('optical-fvc2002');
const master = generateMaster('impression-test', 1, 2, { patternClass: 'whorl' });

describe('renderImpression', () => {
  it('is deterministic: same master and impression number ⇒ same pixels and ground truth', () => {
    const a = renderImpression(master, 3, sensor);
    const b = renderImpression(master, 3, sensor);
    expect(Buffer.from(a.image.data).equals(Buffer.from(b.image.data))).toBe(true);
    expect(a.minutiae).toEqual(b.minutiae);
    expect(
      Buffer.from(renderImpression(master, 4, sensor).image.data).equals(Buffer.from(a.image.data)),
    ).toBe(false);
  });

  it('renders the sensor frame with dark ridges on a light background', () => {
    const img = renderImpression(master, 1, sensor).image;
    expect([img.width, img.height, img.ppi]).toEqual([388, 374, 500]);
    const corner = img.data[5 * img.width + 5];
    expect(corner).toBeGreaterThan(200);
    let dark = 0;
    for (const g of img.data) if (g < 100) dark++;
    expect(dark / img.data.length).toBeGreaterThan(0.05);
  });

  it('exposes every stage through the transparency hook', () => {
    const stages: string[] = [];
    renderImpression(master, 1, sensor, (stage) => stages.push(stage));
    for (const s of [
      'placement',
      'skin',
      'contact',
      'distortion',
      'sampled-master',
      'ink',
      'image',
      'minutiae',
    ])
      expect(stages).toContain(s);
  });

  it('computes the same ground truth without rendering (template-only geometry)', () => {
    const full = renderImpression(master, 5, sensor);
    const g = impressionGeometry(master, 5, sensor);
    expect(g.transform).toEqual(full.transform);
    expect(g.contact).toEqual(full.contact);
  });

  it('shows the configured ridge period (local Fourier peak vs master period through the transform)', () => {
    const ratios: number[] = [];
    const p = new Float64Array(2);
    for (const k of [1, 2, 3]) {
      const imp = renderImpression(master, k, sensor);
      for (let y = 32; y < sensor.height - 32; y += 24)
        for (let x = 32; x < sensor.width - 32; x += 24) {
          if (contactPressure(imp.contact, x, y) < 0.4) continue;
          transformInverse(imp.transform, x, y, p);
          const mi = Math.round(p[1]) * master.width + Math.round(p[0]);
          // Around cores and deltas the period of a 32-px block is not defined.
          if (
            !master.mask[mi] ||
            master.singularPoints.some((sp) => Math.hypot(sp.x - p[0], sp.y - p[1]) < 40)
          )
            continue;
          const expected = master.period[mi] * (sensor.ppi / 500);
          const measured = localRidgePeriod(imp.image, x, y);
          if (measured.strength < 5) continue;
          ratios.push(measured.period / expected);
        }
    }
    ratios.sort((a, b) => a - b);
    expect(ratios.length).toBeGreaterThan(20);
    const median = ratios[ratios.length >> 1];
    expect(Math.abs(median - 1)).toBeLessThan(0.08);
    const close = ratios.filter((r) => Math.abs(r - 1) < 0.15).length;
    expect(close / ratios.length).toBeGreaterThan(0.8);
  });

  it('scales to the sensor resolution: a 1000-ppi sensor shows ridges twice as wide apart', () => {
    const hiRes = { ...sensor, name: 'test-1000ppi', ppi: 1000, width: 776, height: 748 };
    const imp = renderImpression(master, 1, hiRes);
    expect(imp.transform.placement.scale).toBe(2);
    const p = new Float64Array(2);
    const ratios: number[] = [];
    for (let y = 64; y < hiRes.height - 64; y += 48)
      for (let x = 64; x < hiRes.width - 64; x += 48) {
        if (contactPressure(imp.contact, x, y) < 0.4) continue;
        transformInverse(imp.transform, x, y, p);
        const mi = Math.round(p[1]) * master.width + Math.round(p[0]);
        if (!master.mask[mi] || master.singularPoints.some((sp) => Math.hypot(sp.x - p[0], sp.y - p[1]) < 40))
          continue;
        const measured = localRidgePeriod(imp.image, x, y, 64);
        if (measured.strength >= 5) ratios.push(measured.period / master.period[mi]);
      }
    ratios.sort((a, b) => a - b);
    expect(ratios.length).toBeGreaterThan(10);
    expect(ratios[ratios.length >> 1]).toBeGreaterThan(1.8);
    expect(ratios[ratios.length >> 1]).toBeLessThan(2.2);
  });
});
