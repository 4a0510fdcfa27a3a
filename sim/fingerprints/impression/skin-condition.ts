import type { Random } from '../../random/index.ts';
import { SKIN } from './impression-parameters.ts';
import { valueNoise } from './noise.ts';
import type { SampledMaster } from './render-impression.ts';

/**
 * The finger's state at capture. Skin touches the platen where the ridge is high enough for the
 * pressure applied: firm pressure and wet skin lower that threshold (thick ridges, merged across
 * valleys), light pressure and dry skin raise it and break ridges into fragments (Maltoni, Maio,
 * Jain, Prabhakar, Handbook of Fingerprint Recognition, 2nd ed., §6.5: SFinGe models skin condition
 * by erosion and dilation of the ridge pattern; we use a continuous threshold instead).
 */
export interface SkinCondition {
  /** −1 very dry … 0 normal … +1 very wet. */
  readonly moisture: number;
  /** 0 light … 1 firm. */
  readonly pressure: number;
}

export function drawSkinCondition(random: Random): SkinCondition {
  return {
    moisture: random.truncatedNormal(0, SKIN.moistureSd, -1, 1),
    pressure: random.truncatedNormal(SKIN.pressureMean, SKIN.pressureSd, 0, 1),
  };
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = (x - edge0) / (edge1 - edge0);
  if (t <= 0) return 0;
  if (t >= 1) return 1;
  return t * t * (3 - 2 * t);
}

/**
 * Ink (0 no contact … 1 full contact) of every sensor pixel from the master ridge height sampled
 * into the sensor frame, the finger-area coverage, and the local contact pressure.
 */
export function skinInk(
  sampled: SampledMaster,
  pressure: Float32Array,
  skin: SkinCondition,
  random: Random,
): Float32Array {
  const { ridges, coverage, width, height } = sampled;
  const breaks = valueNoise(random, width, height, SKIN.breakScale);
  const pores = valueNoise(random, width, height, SKIN.poreScale);
  // Moisture and sebum vary over the pad: some patches print drier than others.
  const patches = valueNoise(random, width, height, SKIN.patchScale);
  const dry = Math.max(0, -skin.moisture);
  const wet = Math.max(0, skin.moisture);
  // Wet skin prints in blotches: sweat pools fill some valleys and not others.
  const blotches = wet > 0 ? valueNoise(random, width, height, 14) : breaks;
  const base =
    SKIN.contactThreshold - SKIN.pressureGain * (skin.pressure - SKIN.pressureMean) - SKIN.wetGain * wet;
  const ink = new Float32Array(width * height);
  for (let i = 0; i < ink.length; i++) {
    const p = pressure[i];
    if (p <= 0 || coverage[i] <= 0) continue;
    const rim = 1 - p;
    // The rim presses lightly: a higher threshold thins and ends ridges before the contact edge.
    const threshold = base + SKIN.rimThreshold * rim * rim - SKIN.wetGain * wet * Math.max(0, blotches[i]);
    const dryness = dry + SKIN.rimDryness * rim * rim + SKIN.patchDryness * Math.max(0, patches[i]);
    // Ridge edges are ragged and pores open on the crests: fine texture on the ridge height.
    const h =
      ridges[i] +
      SKIN.edgeRoughness * pores[i] -
      SKIN.dryBreakGain * dryness * Math.max(0, breaks[i]) -
      SKIN.poreGain * Math.max(0, pores[i] - 0.35);
    // Light contact prints paler as well as thinner.
    const rimStrength = p >= SKIN.fullStrengthPressure ? 1 : 0.45 + (0.55 * p) / SKIN.fullStrengthPressure;
    // Ridge darkness also varies along the ridge with the skin's micro-texture.
    const strength =
      rimStrength *
      (1 - SKIN.inkVariation * (0.5 + 0.5 * breaks[i])) *
      (1 - SKIN.patchPaleness * Math.max(0, patches[i]));
    ink[i] =
      coverage[i] * strength * smoothstep(threshold - SKIN.inkSoftness, threshold + SKIN.inkSoftness, h);
  }
  return ink;
}
