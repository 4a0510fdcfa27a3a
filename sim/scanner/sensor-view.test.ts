import { describe, expect, it } from 'vitest';
import { sensorProfile, sensorProfileNames } from '../fingerprints/sensor-profile.ts';
import { scannerProfile } from './scanner-profile.ts';
import { sensorView } from './sensor-view.ts';

describe('sensor view of a scanner', () => {
  it('gives the impression renderer every scanner in its own units', () => {
    const v = sensorProfile('optical-500');
    expect(v).toEqual(sensorView(scannerProfile('optical-500')));
    expect([v.width, v.height, v.ppi, v.technology]).toEqual([400, 500, 500, 'optical']);
    expect(v.rendering.blur).toBeCloseTo((0.015 * 500) / 25.4, 10);
    expect(v.rendering.background).toBe(247);
    expect(v.rendering.ridge).toBeLessThan(20);
    expect(sensorProfile('mutant-low-mtf').rendering.blur).toBeCloseTo(3 * v.rendering.blur, 10);
  });

  it('leaves the dataset sensors as they were and lists the scanners when a name is unknown', () => {
    expect(sensorProfileNames()).toEqual(['optical-fvc2002', 'optical-fvc2004', 'capacitive', 'large-area']);
    expect(() => sensorProfile('flatbed')).toThrow(/scanners: optical-500, capacitive-500, slap-500/);
  });
});
