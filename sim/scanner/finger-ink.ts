import { contactPressureMap, drawContactArea } from '../fingerprints/impression/contact-area.ts';
import { inverseMap } from '../fingerprints/impression/impression-transform.ts';
import { drawLineMarks, rasterizeLineMarks } from '../fingerprints/impression/noise.ts';
import { drawPlacement, type Placement } from '../fingerprints/impression/placement.ts';
import { drawPlasticDistortion } from '../fingerprints/impression/plastic-distortion.ts';
import {
  addCreases,
  type SampledMaster,
  sampleMaster,
} from '../fingerprints/impression/render-impression.ts';
import { silhouetteEllipse } from '../fingerprints/impression/silhouette-ellipse.ts';
import { drawSkinCondition, type SkinCondition, skinInk } from '../fingerprints/impression/skin-condition.ts';
import type { MasterFingerprint } from '../fingerprints/master-fingerprint.ts';
import { type Random, stream } from '../random/index.ts';
import type { CaptureConditions, SkinState } from './types.ts';

/** A window of the platen in which one finger is rendered, at `ppi` (the master's 500 ppi or a multiple). */
export interface InkWindow {
  readonly width: number;
  readonly height: number;
  readonly ppi: number;
}

/** Ink (0 no contact … 1 full contact) per window pixel, with what was drawn for it. */
export interface FingerInk {
  readonly ink: Float32Array;
  readonly skin: SkinCondition;
  readonly placement: Placement;
}

/** How a presented surface prints, in place of living skin (presentation attacks). */
export type SurfaceInk = (
  sampled: SampledMaster,
  pressure: Float32Array,
  skin: SkinCondition,
  random: Random,
) => Float32Array;

/** Skin states as moisture and ridge relief: dry and wet push moisture; worn skin has flattened ridges. */
const SKIN_STATES = {
  dry: { moisture: -0.75, relief: 1 },
  wet: { moisture: 0.75, relief: 1 },
  worn: { moisture: -0.1, relief: 0.6 },
} as const;

function skinFor(drawn: SkinCondition, c: CaptureConditions): SkinCondition {
  const pressure = c.pressure ?? drawn.pressure;
  const state = c.skin && c.skin !== 'normal' && c.skin !== 'scarred' ? SKIN_STATES[c.skin] : null;
  return { moisture: state ? state.moisture : drawn.moisture, pressure };
}

const DEG = Math.PI / 180;

function placed(drawn: Placement, c: CaptureConditions, window: InkWindow): Placement {
  const p = c.placement;
  if (!p) return drawn;
  const px = window.ppi / 25.4;
  return {
    ...drawn,
    rotation: p.rotationDeg === undefined ? drawn.rotation : p.rotationDeg * DEG,
    landX: p.offsetXMm === undefined ? drawn.landX : window.width / 2 + p.offsetXMm * px,
    landY: p.offsetYMm === undefined ? drawn.landY : window.height / 2 + p.offsetYMm * px,
  };
}

/** Scars: healed cuts across the pad where no ridges print, 0.2–0.5 mm wide, with the ridges flattened beside them. */
function addScars(sampled: SampledMaster, ppi: number, random: Random): void {
  const count = 2 + random.int(3);
  const mm = ppi / 25.4;
  const marks = drawLineMarks(random, count, sampled.width, sampled.height, [0.1 * mm, 0.25 * mm]);
  const cover = new Float32Array(sampled.width * sampled.height);
  rasterizeLineMarks(marks, sampled.width, sampled.height, cover);
  const r = sampled.ridges;
  for (let i = 0; i < r.length; i++) if (cover[i] > 0) r[i] = r[i] * (1 - cover[i]) - cover[i];
}

const silhouettes = new WeakMap<Uint8Array, ReturnType<typeof silhouetteEllipse>>();

/**
 * Renders one touch of `master` into a platen window: placement, contact, plastic distortion and skin
 * drawn from the same streams as dataset impression `impression` (so an undisturbed capture touches
 * the platen as that impression did), then the conditions' overrides, then the surface's ink.
 */
export function fingerInk(
  master: MasterFingerprint,
  impression: number,
  window: InkWindow,
  conditions: CaptureConditions = {},
  surface: SurfaceInk = skinInk,
): FingerInk {
  const random = (stage: string) =>
    stream(master.seed, 'impression', master.subject, master.position, impression, stage);
  let silhouette = silhouettes.get(master.mask);
  if (!silhouette) {
    silhouette = silhouetteEllipse(master.mask, master.width, master.height);
    silhouettes.set(master.mask, silhouette);
  }
  const scale = window.ppi / 500;
  const placement = placed(
    drawPlacement(random('placement'), silhouette, { ...window, scale }),
    conditions,
    window,
  );
  const skin = skinFor(drawSkinCondition(random('skin')), conditions);
  const contact = drawContactArea(random('contact'), silhouette, placement, skin.pressure);
  const distortion = drawPlasticDistortion(random('distortion'), contact, scale);
  const sampled = sampleMaster(master, inverseMap({ placement, distortion }, window.width, window.height));
  applySkinState(sampled, conditions.skin, window.ppi, random('skin-state'));
  const pressure = contactPressureMap(contact, window.width, window.height);
  const ink = surface(sampled, pressure, skin, random('skin-texture'));
  if (surface === skinInk) addCreases(ink, window.width, window.height, contact.axisAngle, random('creases'));
  return { ink, skin, placement };
}

function applySkinState(
  sampled: SampledMaster,
  state: SkinState | undefined,
  ppi: number,
  random: Random,
): void {
  if (state === 'worn') {
    const r = sampled.ridges;
    for (let i = 0; i < r.length; i++)
      r[i] = r[i] * SKIN_STATES.worn.relief - 0.1 * (1 - SKIN_STATES.worn.relief);
  } else if (state === 'scarred') addScars(sampled, ppi, random);
}
