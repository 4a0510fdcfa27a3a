import { describe, expect, it } from 'vitest';
import { stream } from '../random/index.ts';
import { padDecision } from './pad-model.ts';
import { scannerProfile } from './scanner-profile.ts';
import type { ScannerProfile } from './scanner-profile-types.ts';
import type { FingerSpec } from './types.ts';
import { VirtualScanner } from './virtual-scanner.ts';

const finger: FingerSpec = { seed: 'scanner-test', subject: 3, position: 2, impression: 1 };

describe('virtual scanner: fingers, failures, PAD', () => {
  const optical = new VirtualScanner(scannerProfile('optical-500'));

  it('captures a live finger as dark ridges on a light platen, with latency and a bona fide decision', () => {
    const c = optical.captureFinger(finger);
    expect(c.acquired).toBe(true);
    expect(c.fingerPosition).toBe(2);
    const levels = new Set(c.image.data).size;
    expect(levels).toBeGreaterThan(200);
    expect(c.latencyMs).toBeGreaterThan(100);
    expect(c.latencyMs).toBeLessThan(2000);
    const again = optical.captureFinger(finger);
    expect(Buffer.from(again.image.data).equals(Buffer.from(c.image.data))).toBe(true);
    expect(again.latencyMs).toBe(c.latencyMs);
  });

  it('prints wet skin darker and dry skin paler than normal', () => {
    const darkness = (skin: 'dry' | 'wet' | 'normal') => {
      const d = optical.captureFinger(finger, { skin, pressure: 0.6 }).image.data;
      let dark = 0;
      for (const v of d) if (v < 100) dark++;
      return dark;
    };
    const normal = darkness('normal');
    expect(darkness('wet')).toBeGreaterThan(normal * 1.1);
    expect(darkness('dry')).toBeLessThan(normal * 0.9);
  });

  it('fails to acquire when no finger is on the platen, and on a device fault, saying which', () => {
    const off = optical.captureFinger(finger, { placement: { offsetXMm: 60 } });
    expect(off.acquired).toBe(false);
    expect(off.failureReason).toMatch(/^no finger detected: \d+\.\d % of the platen in contact/);
    const faulty: ScannerProfile = {
      ...scannerProfile('optical-500'),
      acquisition: { deviceFailureRate: 1, minFingerShare: 0.12 },
    };
    const f = new VirtualScanner(faulty).captureFinger(finger);
    expect(f.acquired).toBe(false);
    expect(f.failureReason).toMatch(/^sensor timeout/);
  });

  it('renders artefacts with their own signatures and decides on them with the profile PAD model', () => {
    const live = optical.captureFinger(finger).image.data;
    const seen = new Set<string>();
    for (const species of ['gelatine', 'printed', 'replayed'] as const) {
      const c = optical.capturePresentation({ species, finger });
      const bytes = Buffer.from(c.image.data).toString('base64');
      expect(bytes).not.toBe(Buffer.from(live).toString('base64'));
      expect(seen.has(bytes)).toBe(false);
      seen.add(bytes);
      const expected = padDecision(
        optical.profile,
        species,
        stream(
          'dactylo',
          'scanner',
          'optical-500',
          'attack',
          species,
          finger.seed,
          finger.subject,
          finger.position,
          finger.impression,
          'pad',
        ),
      );
      expect(c.pad).toEqual(expected);
    }
  });

  it('sees nothing of a print or a screen on a capacitive sensor', () => {
    const c = new VirtualScanner(scannerProfile('capacitive-500')).capturePresentation({
      species: 'printed',
      finger,
    });
    expect(c.acquired).toBe(false);
    expect(c.pad.decision).toBe('attack');
  });
});
