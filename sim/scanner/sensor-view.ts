import type { SensorProfile } from '../fingerprints/sensor-profile.ts';
import { imageSize } from './scanner-profile.ts';
import type { ScannerProfile } from './scanner-profile-types.ts';

/** Darkness of skin in full optical contact: FTIR leaves a little light even on a ridge. */
export const CONTACT_CONTRAST = 0.97;

/**
 * A scanner as the dataset renderer sees it (sim/fingerprints: `renderImpression`, `dactylo fingerprints`):
 * one profile concept — the sensor profile is a view of the device model, in the renderer's pixel units.
 */
export function sensorView(p: ScannerProfile): SensorProfile {
  const { width, height } = imageSize(p);
  const { black, white, gamma } = p.transfer;
  const ppi = p.resolution.nominalPpi;
  return {
    name: p.name,
    technology: p.technology,
    description: p.description,
    ppi,
    width,
    height,
    rendering: {
      background: white,
      ridge: black + (white - black) * (1 - CONTACT_CONTRAST),
      blur: (p.optics.psfSigmaMm * ppi) / 25.4,
      noise: Math.sqrt(p.electronics.readNoise ** 2 + p.electronics.shotNoise * white),
      shading: p.illumination.falloff,
      scratches: 0,
      gamma,
    },
  };
}
