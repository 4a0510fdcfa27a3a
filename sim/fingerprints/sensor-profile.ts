import { readFileSync } from 'node:fs';
import { scannerProfile, scannerProfileNames } from '../scanner/scanner-profile.ts';
import { sensorView } from '../scanner/sensor-view.ts';

export type SensorTechnology = 'optical' | 'capacitive' | 'thermal';

/** How the sensor turns skin contact into gray levels; all grays are 8-bit (0 black). */
export interface SensorRendering {
  /** Gray of the empty platen. */
  readonly background: number;
  /** Gray of a ridge in full contact. */
  readonly ridge: number;
  /** Standard deviation of the optics' Gaussian blur (px). */
  readonly blur: number;
  /** Standard deviation of the pixel noise (gray levels). */
  readonly noise: number;
  /** Low-frequency unevenness of illumination and ink, as a fraction of the contrast. */
  readonly shading: number;
  /** Expected number of platen scratches per image. */
  readonly scratches: number;
  /** Tone curve from ink to darkness: < 1 saturates ridges (capacitive), 1 is linear. */
  readonly gamma: number;
}

/**
 * A fingerprint sensor as the impression renderer needs it: name, technology, resolution, image size
 * and how it renders. One profile concept: every virtual scanner (sim/scanner/scanner-profiles.json)
 * is also a sensor, through `sensorView`; sensor-profiles.json adds the four dataset sensors that
 * emulate the FVC databases' devices (rendering only, no device model; validated against
 * harness/contract/sensor-profile.schema.json), kept so that existing datasets stay byte-identical.
 */
export interface SensorProfile {
  readonly name: string;
  readonly technology: SensorTechnology;
  readonly description: string;
  readonly ppi: number;
  readonly width: number;
  readonly height: number;
  readonly rendering: SensorRendering;
}

export const SENSOR_PROFILES_FILE = new URL('./sensor-profiles.json', import.meta.url);

const profiles: readonly SensorProfile[] = (
  JSON.parse(readFileSync(SENSOR_PROFILES_FILE, 'utf8')) as { profiles: SensorProfile[] }
).profiles;

export const DEFAULT_SENSOR = 'optical-fvc2002';

export function sensorProfileNames(): string[] {
  return profiles.map((p) => p.name);
}

/** The named dataset sensor or scanner (as its sensor view), or a RangeError listing the known ones. */
export function sensorProfile(name: string): SensorProfile {
  const p = profiles.find((q) => q.name === name);
  if (p) return p;
  if (scannerProfileNames().includes(name)) return sensorView(scannerProfile(name));
  throw new RangeError(
    `unknown sensor '${name}' (known: ${sensorProfileNames().join(', ')}; scanners: ${scannerProfileNames().join(', ')})`,
  );
}

/** Sensor pixels per master pixel: masters are drawn at 500 ppi. */
export function sensorScale(profile: SensorProfile): number {
  return profile.ppi / 500;
}
