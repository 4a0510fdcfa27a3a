import type { FingerPosition } from '../fingerprints/finger-position.ts';
import type { GrayImage } from '../image/gray-image.ts';
import { type StreamKey, stream } from '../random/index.ts';
import { artefactSurface, halftone, screenPixel } from './attack-artefact.ts';
import { captureLatency } from './capture-latency.ts';
import { sensorReadout } from './device-electronics.ts';
import { platenGeometry } from './device-geometry.ts';
import { opticalImage, type PlatenReflectance } from './device-optics.ts';
import { fingerInk, type SurfaceInk } from './finger-ink.ts';
import { cachedMaster } from './master-cache.ts';
import { padDecision } from './pad-model.ts';
import { imageSize } from './scanner-profile.ts';
import type { ScannerProfile } from './scanner-profile-types.ts';
import { CONTACT_CONTRAST } from './sensor-view.ts';
import type {
  Capture,
  CaptureConditions,
  FingerSpec,
  PadResult,
  PresentationAttack,
  TargetCaptureOptions,
  TestTarget,
} from './types.ts';

export interface VirtualScannerOptions {
  /** Seed of the device's own randomness (noise, latency, failures, PAD); the finger's comes from its spec. */
  readonly seed?: string;
}

/** Every tuning constant of the device simulation that is not a profile field, in one place. */
export const DEVICE = {
  /** Finger detection: blocks of this many pixels a side whose mean ink exceeds `fingerInk` are "in contact". */
  fingerBlock: 16,
  fingerInk: 0.08,
  /** Replay screen: pixel pitch of a 475 ppi phone display. */
  screenPitchMm: 25.4 / 475,
  /** Four-finger slap: each finger's window as a share of the platen, and its top edge (index … little). */
  slapWindow: { width: 0.25, height: 0.78 },
  slapTop: [0.1, 0.04, 0.08, 0.18],
} as const;

/** What lies on the platen: its reflectance, whether it has sub-pixel detail, how much of the platen it touches. */
type Attempt = { reflectance: PlatenReflectance; fine: boolean; fingerShare: number };

/**
 * A fingerprint scanner simulated from its profile. Every capture goes through the same device chain:
 * platen object → sampling geometry (true resolution, keystone, radial distortion) → optics (pixel
 * aperture, Gaussian PSF) → readout (vignetting, transfer curve, read and shot noise, effective bits,
 * stuck rows). Same profile base, seed and request ⇒ same bytes; a mutant shares its reference's
 * streams, so the two images differ only by the mutant's defect.
 */
export class VirtualScanner {
  readonly profile: ScannerProfile;
  readonly seed: string;
  readonly width: number;
  readonly height: number;

  constructor(profile: ScannerProfile, options: VirtualScannerOptions = {}) {
    this.profile = profile;
    this.seed = options.seed ?? 'dactylo';
    ({ width: this.width, height: this.height } = imageSize(profile));
  }

  private random(...keys: StreamKey[]) {
    return stream(this.seed, 'scanner', this.profile.base, ...keys);
  }

  /** Scan of a test chart laid on the platen, centred. Charts never fail to acquire. */
  captureTarget(target: TestTarget, options: TargetCaptureOptions = {}): Capture {
    const seq = options.sequence ?? 0;
    const x0 = target.widthMm / 2;
    const y0 = target.heightMm / 2;
    const reflectance: PlatenReflectance = (x, y) => {
      const cx = x + x0;
      const cy = y + y0;
      return cx >= 0 && cy >= 0 && cx < target.widthMm && cy < target.heightMm
        ? target.reflectance(cx, cy)
        : 1;
    };
    const image = this.readout(reflectance, true, 'target', target.id, seq);
    return this.capture(image, true, undefined, { score: 1, decision: 'bona-fide' }, 0, [
      'target',
      target.id,
      seq,
    ]);
  }

  /** A live finger (or, on a slap device, the four fingers of its hand) presented under `conditions`. */
  captureFinger(finger: FingerSpec, conditions: CaptureConditions = {}): Capture {
    const key = ['finger', ...fingerKey(finger), JSON.stringify(conditions)];
    const attempt = this.touch(finger, conditions);
    return this.finish(
      attempt,
      padDecision(this.profile, 'bona-fide', this.random(...key, 'pad')),
      finger,
      key,
    );
  }

  /** A presentation attack made from the master of `attack.finger`. */
  capturePresentation(attack: PresentationAttack): Capture {
    const { species, finger } = attack;
    const key = ['attack', species, ...fingerKey(finger)];
    const pad = padDecision(this.profile, species, this.random(...key, 'pad'));
    if (this.profile.technology !== 'optical' && (species === 'printed' || species === 'replayed')) {
      // Paper and glass do not couple to a capacitive or thermal sensor: nothing is seen at all.
      const empty = this.readout(() => 1, false, ...key);
      return this.capture(
        empty,
        false,
        'no finger detected: the artefact does not couple to the sensor',
        { score: 0, decision: 'attack' },
        this.positionOf(finger),
        key,
      );
    }
    return this.finish(this.artefact(attack), pad, finger, key);
  }

  private artefact({ species, finger }: PresentationAttack): Attempt {
    if (species === 'replayed') {
      const shown = this.captureFinger({ ...finger, impression: finger.impression + 1000 }).image;
      return { reflectance: this.screen(shown), fine: true, fingerShare: 1 };
    }
    const cast = this.touch(finger, {}, artefactSurface(species), species === 'latex' ? 1.06 : 1);
    if (species !== 'printed') return cast;
    return {
      reflectance: (x, y) => halftone(cast.reflectance(x, y), x, y),
      fine: true,
      fingerShare: cast.fingerShare,
    };
  }

  private screen(shown: GrayImage): PlatenReflectance {
    const pitch = DEVICE.screenPitchMm;
    const { width, height, data } = shown;
    return (x, y) => {
      const i = Math.floor(x / pitch + width / 2);
      const j = Math.floor(y / pitch + height / 2);
      const g = i >= 0 && j >= 0 && i < width && j < height ? data[j * width + i] / 255 : 0;
      return screenPixel(g, x, y, pitch);
    };
  }

  /** Finger(s) on the platen as reflectance; `stretch` widens the print across (elastic films). */
  private touch(
    finger: FingerSpec,
    conditions: CaptureConditions,
    surface?: SurfaceInk,
    stretch = 1,
  ): Attempt {
    const ppi = this.profile.resolution.nominalPpi;
    const { width, height } = this;
    const ink = new Float32Array(width * height);
    for (const slot of this.slots(finger)) {
      const master = cachedMaster(finger.seed, finger.subject, slot.position);
      const w = fingerInk(
        master,
        finger.impression,
        { width: slot.width, height: slot.height, ppi },
        conditions,
        surface,
      ).ink;
      for (let y = 0; y < slot.height; y++)
        for (let x = 0; x < slot.width; x++) {
          const o = (slot.y + y) * width + slot.x + x;
          const v = w[y * slot.width + x];
          if (v > ink[o]) ink[o] = v;
        }
    }
    const fingerShare = contactShare(ink, width, height);
    const pxPerMm = ppi / 25.4;
    const halfW = width / 2;
    const halfH = height / 2;
    const reflectance: PlatenReflectance = (xMm, yMm) => {
      const fx = (xMm / stretch) * pxPerMm + halfW - 0.5;
      const fy = yMm * pxPerMm + halfH - 0.5;
      if (!(fx >= 0 && fy >= 0 && fx < width - 1 && fy < height - 1)) return 1;
      const x0 = fx | 0;
      const y0 = fy | 0;
      const ax = fx - x0;
      const ay = fy - y0;
      const k = y0 * width + x0;
      const top = ink[k] + (ink[k + 1] - ink[k]) * ax;
      const v = top + (ink[k + width] + (ink[k + width + 1] - ink[k + width]) * ax - top) * ay;
      return 1 - CONTACT_CONTRAST * v;
    };
    return { reflectance, fine: false, fingerShare };
  }

  /** Where each finger goes: the whole platen for a single finger, four side-by-side windows on a slap. */
  private slots(finger: FingerSpec) {
    const { width, height } = this;
    if (this.profile.form === 'single-finger')
      return [{ position: finger.position, x: 0, y: 0, width, height }];
    const right = finger.position <= 5;
    const w = Math.floor(width * DEVICE.slapWindow.width);
    const h = Math.floor(height * DEVICE.slapWindow.height);
    // In the image of a right hand the index finger is leftmost; for a left hand, the little finger.
    return [0, 1, 2, 3].map((k) => {
      const position = ((right ? 2 : 7) + k) as FingerPosition;
      const column = right ? k : 3 - k;
      return { position, x: column * w, y: Math.floor(height * DEVICE.slapTop[k]), width: w, height: h };
    });
  }

  private finish(attempt: Attempt, pad: PadResult, finger: FingerSpec, key: StreamKey[]): Capture {
    const position = this.positionOf(finger);
    if (attempt.fingerShare < this.profile.acquisition.minFingerShare) {
      const reason = `no finger detected: ${(attempt.fingerShare * 100).toFixed(1)} % of the platen in contact, below the ${(this.profile.acquisition.minFingerShare * 100).toFixed(1)} % the device needs`;
      return this.capture(
        this.readout(() => 1, false, ...key),
        false,
        reason,
        pad,
        position,
        key,
      );
    }
    if (this.random(...key, 'device-failure').bernoulli(this.profile.acquisition.deviceFailureRate)) {
      return this.capture(
        this.readout(() => 1, false, ...key),
        false,
        'sensor timeout: no frame from the sensor',
        pad,
        position,
        key,
      );
    }
    const image = this.readout(attempt.reflectance, attempt.fine, ...key);
    return this.capture(image, true, undefined, pad, position, key);
  }

  /** ISO/IEC 19794-4 position code of what a capture shows: the finger, or 13/14 for a right/left slap. */
  private positionOf(finger: FingerSpec): number {
    if (this.profile.form === 'single-finger') return finger.position;
    return finger.position <= 5 ? 13 : 14;
  }

  private readout(reflectance: PlatenReflectance, fine: boolean, ...key: StreamKey[]): GrayImage {
    const { width, height, profile } = this;
    const irradiance = opticalImage(profile, width, height, platenGeometry(profile), reflectance, fine);
    return sensorReadout(profile, width, height, irradiance, this.random(...key, 'noise'));
  }

  private capture(
    image: GrayImage,
    acquired: boolean,
    failureReason: string | undefined,
    pad: PadResult,
    fingerPosition: number,
    key: StreamKey[],
  ): Capture {
    const latencyMs = captureLatency(this.profile, this.random(...key, 'latency'));
    return {
      image,
      ppiNominal: this.profile.resolution.nominalPpi,
      acquired,
      ...(failureReason ? { failureReason } : {}),
      latencyMs,
      pad,
      fingerPosition,
    };
  }
}

/**
 * Share of the platen in contact, as a device's finger detector sees it: the share of 16-pixel blocks
 * whose mean ink shows skin (ridges and the valleys between them), not of ridge pixels alone.
 */
function contactShare(ink: Float32Array, width: number, height: number): number {
  const b = DEVICE.fingerBlock;
  let blocks = 0;
  let touching = 0;
  for (let y0 = 0; y0 + b <= height; y0 += b)
    for (let x0 = 0; x0 + b <= width; x0 += b) {
      let sum = 0;
      for (let y = y0; y < y0 + b; y++) for (let x = x0; x < x0 + b; x++) sum += ink[y * width + x];
      blocks++;
      if (sum / (b * b) > DEVICE.fingerInk) touching++;
    }
  return touching / blocks;
}

function fingerKey(f: FingerSpec): StreamKey[] {
  return [f.seed, f.subject, f.position, f.impression];
}
