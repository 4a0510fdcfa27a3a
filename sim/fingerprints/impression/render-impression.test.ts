import { describe, expect, it } from 'vitest';
import { stream } from '../../random/index.ts';
import type { MasterFingerprint } from '../master-fingerprint.ts';
import { sensorProfile } from '../sensor-profile.ts';
import { addCreases, renderSensorImage, sampleMaster } from './render-impression.ts';

const sensor = sensorProfile('optical-fvc2002');
const N = sensor.width * sensor.height;

function mean(values: Uint8Array | Float32Array, from = 0, to = values.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i];
  return s / (to - from);
}

describe('render impression', () => {
  it('samples the master bilinearly at the mapped coordinates, nothing outside it', () => {
    const w = 4;
    const ridges = Float32Array.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
    const master = {
      width: w,
      height: 4,
      ridges,
      mask: new Uint8Array(16).fill(1),
    } as unknown as MasterFingerprint;
    const map = { width: 3, height: 1, x: Float32Array.from([0.5, 1, 9]), y: Float32Array.from([1, 1.5, 1]) };
    const s = sampleMaster(master, map);
    expect(Array.from(s.ridges)).toEqual([0.5, 1, 0]);
    expect(Array.from(s.coverage)).toEqual([1, 1, 0]);
  });

  it('renders no ink as the profile background and full ink as dark ridges', () => {
    const ink = new Float32Array(N);
    ink.fill(1, 0, N / 2);
    const img = renderSensorImage(ink, sensor, stream('t', 'sensor'));
    expect([img.width, img.height, img.ppi]).toEqual([388, 374, 500]);
    const inked = mean(img.data, 20 * sensor.width, 150 * sensor.width);
    const blank = mean(img.data, 220 * sensor.width, 350 * sensor.width);
    expect(inked).toBeLessThan(sensor.rendering.ridge + 30);
    expect(blank).toBeGreaterThan(sensor.rendering.background - 15);
  });

  it('adds pixel noise as the profile sets it (not a flat image)', () => {
    const ink = new Float32Array(N).fill(0.5);
    const img = renderSensorImage(ink, sensor, stream('t', 'noise'));
    const m = mean(img.data);
    let v = 0;
    for (const g of img.data) v += (g - m) ** 2;
    expect(Math.sqrt(v / N)).toBeGreaterThan(1);
  });

  it('creases remove ink along lines across the finger', () => {
    let removed = 0;
    for (let k = 0; k < 20; k++) {
      const ink = new Float32Array(N).fill(1);
      addCreases(ink, sensor.width, sensor.height, Math.PI / 2, stream('t', 'crease', k));
      removed += 1 - mean(ink);
    }
    expect(removed).toBeGreaterThan(0);
  });
});
