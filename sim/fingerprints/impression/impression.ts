import type { GrayImage } from '../../image/gray-image.ts';
import type { Minutia, SingularPoint } from '../../matcher/template.ts';
import { stream } from '../../random/index.ts';
import type { MasterFingerprint } from '../master-fingerprint.ts';
import { type SensorProfile, sensorScale } from '../sensor-profile.ts';
import { type ContactArea, contactPressureMap, drawContactArea } from './contact-area.ts';
import { groundTruthMinutiae, groundTruthSingularPoints } from './ground-truth.ts';
import { type ImpressionTransform, inverseMap } from './impression-transform.ts';
import { drawPlacement } from './placement.ts';
import { drawPlasticDistortion } from './plastic-distortion.ts';
import { addCreases, renderSensorImage, sampleMaster } from './render-impression.ts';
import { type SilhouetteEllipse, silhouetteEllipse } from './silhouette-ellipse.ts';
import { drawSkinCondition, type SkinCondition, skinInk } from './skin-condition.ts';

/** Observes every intermediate of the pipeline by stage name (SourceAFIS-style transparency). */
export type ImpressionTrace = (stage: string, value: unknown) => void;

/** One capture of a master finger by a sensor, with the ground truth that holds for this image. */
export interface Impression {
  readonly image: GrayImage;
  readonly transform: ImpressionTransform;
  readonly contact: ContactArea;
  readonly skin: SkinCondition;
  readonly minutiae: Minutia[];
  readonly singularPoints: SingularPoint[];
}

/** Geometry of an impression: enough for ground truth without rendering (template-only mode). */
export interface ImpressionGeometry {
  readonly transform: ImpressionTransform;
  readonly contact: ContactArea;
  readonly skin: SkinCondition;
}

/** Impression number `impression` (1-based) of `master` on `sensor`; same inputs ⇒ same bytes. */
export function renderImpression(
  master: MasterFingerprint,
  impression: number,
  sensor: SensorProfile,
  trace?: ImpressionTrace,
): Impression {
  const random = (stage: string) =>
    stream(master.seed, 'impression', master.subject, master.position, impression, stage);
  const geometry = impressionGeometry(master, impression, sensor, trace);
  const { transform, contact, skin } = geometry;
  const map = inverseMap(transform, sensor.width, sensor.height);
  trace?.('inverse-map', map);
  const sampled = sampleMaster(master, map);
  trace?.('sampled-master', sampled);
  const pressure = contactPressureMap(contact, sensor.width, sensor.height);
  trace?.('pressure', pressure);
  const ink = skinInk(sampled, pressure, skin, random('skin-texture'));
  addCreases(ink, sensor.width, sensor.height, contact.axisAngle, random('creases'));
  trace?.('ink', ink);
  const image = renderSensorImage(ink, sensor, random('sensor'));
  trace?.('image', image);
  const minutiae = groundTruthMinutiae(master, transform, contact, sensor);
  trace?.('minutiae', minutiae);
  const singularPoints = groundTruthSingularPoints(master, transform, contact, sensor);
  trace?.('singular-points', singularPoints);
  return { image, transform, contact, skin, minutiae, singularPoints };
}

const silhouettes = new WeakMap<Uint8Array, SilhouetteEllipse>();

/** A master's silhouette ellipse, computed once per master however many impressions it gives. */
function silhouetteOf(master: Pick<MasterFingerprint, 'mask' | 'width' | 'height'>): SilhouetteEllipse {
  let s = silhouettes.get(master.mask);
  if (!s) {
    s = silhouetteEllipse(master.mask, master.width, master.height);
    silhouettes.set(master.mask, s);
  }
  return s;
}

/** Placement, skin condition, contact and distortion of an impression, each from its own stream. */
export function impressionGeometry(
  master: Pick<MasterFingerprint, 'seed' | 'subject' | 'position' | 'mask' | 'width' | 'height'>,
  impression: number,
  sensor: SensorProfile,
  trace?: ImpressionTrace,
): ImpressionGeometry {
  const random = (stage: string) =>
    stream(master.seed, 'impression', master.subject, master.position, impression, stage);
  const scale = sensorScale(sensor);
  const silhouette = silhouetteOf(master);
  trace?.('silhouette', silhouette);
  const placement = drawPlacement(random('placement'), silhouette, {
    width: sensor.width,
    height: sensor.height,
    scale,
  });
  trace?.('placement', placement);
  const skin = drawSkinCondition(random('skin'));
  trace?.('skin', skin);
  const contact = drawContactArea(random('contact'), silhouette, placement, skin.pressure);
  trace?.('contact', contact);
  const distortion = drawPlasticDistortion(random('distortion'), contact, scale);
  trace?.('distortion', distortion);
  return { transform: { placement, distortion }, contact, skin };
}
