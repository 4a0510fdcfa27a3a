import { describe, expect, it } from 'vitest';
import { DEFAULT_SENSOR, sensorProfile, sensorProfileNames, sensorScale } from './sensor-profile.ts';

describe('sensor profiles', () => {
  it('offers the profiles the issue names, at their real sizes', () => {
    expect(sensorProfileNames()).toEqual(
      expect.arrayContaining(['optical-fvc2002', 'optical-fvc2004', 'capacitive', 'large-area']),
    );
    const fvc2002 = sensorProfile('optical-fvc2002');
    expect([fvc2002.width, fvc2002.height, fvc2002.ppi]).toEqual([388, 374, 500]);
    const fvc2004 = sensorProfile('optical-fvc2004');
    expect([fvc2004.width, fvc2004.height]).toEqual([640, 480]);
    expect(sensorProfile('capacitive').technology).toBe('capacitive');
    expect(sensorProfile('large-area').ppi).toBe(500);
    expect(sensorProfile(DEFAULT_SENSOR).name).toBe(DEFAULT_SENSOR);
  });

  it('renders dark ridges on a lighter background in every profile', () => {
    for (const name of sensorProfileNames()) {
      const r = sensorProfile(name).rendering;
      expect(r.ridge, name).toBeLessThan(r.background - 100);
    }
  });

  it('names the known profiles when asked for an unknown one', () => {
    expect(() => sensorProfile('nope')).toThrow(/unknown sensor 'nope' \(known: optical-fvc2002, /);
  });

  it('scales master pixels to sensor pixels by resolution', () => {
    expect(sensorScale(sensorProfile('optical-fvc2002'))).toBe(1);
  });
});
