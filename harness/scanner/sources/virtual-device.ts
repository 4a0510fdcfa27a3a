import type { GrayImage } from '../../../sim/image/gray-image.ts';
import {
  ATTACK_SPECIES,
  type AttackSpecies,
  type Capture,
  captureToPng,
  type FingerSpec,
  scannerProfile,
  VirtualScanner,
} from '../../../sim/scanner/index.ts';
import {
  captureToFingerImageRecord,
  decodeFingerImageRecord,
  encodeFingerImageRecord,
  viewImage,
} from '../../../sim/scanner/iso19794-4.ts';
import type { ConformanceCapture, ConformanceDevice, DeviceIdentity } from '../device.ts';
import type { TestTarget } from '../target-catalogue.ts';
import { panelFinger } from './panel.ts';

function fromCapture(c: Capture, withPng: boolean): ConformanceCapture {
  return {
    image: c.image,
    ...(withPng ? { png: new Uint8Array(captureToPng(c)) } : {}),
    acquired: c.acquired,
    ...(c.failureReason ? { failureReason: c.failureReason } : {}),
    latencyMs: c.latencyMs,
    pad: { score: c.pad.score, decision: c.pad.decision },
  };
}

/** A shipped virtual scanner profile (sim/scanner) as a device under test, in process. */
export class VirtualDevice implements ConformanceDevice {
  private readonly scanner: VirtualScanner;

  /**
   * `panelFingers`: distinct synthetic fingers the panel cycles through (each costs a master's
   * synthesis); fewer make quick runs, the default of 10 the standard panel.
   */
  constructor(
    readonly profileName: string,
    seed: string,
    readonly panelFingers = 10,
  ) {
    this.scanner = new VirtualScanner(scannerProfile(profileName), { seed });
  }

  async identity(): Promise<DeviceIdentity> {
    const p = this.scanner.profile;
    return {
      source: 'profile',
      name: p.name,
      ppi: p.resolution.nominalPpi,
      widthMm: p.captureArea.widthMm,
      heightMm: p.captureArea.heightMm,
      description: p.description,
    };
  }

  async captureTarget(target: TestTarget, sequence: number): Promise<ConformanceCapture> {
    return fromCapture(this.scanner.captureTarget(target, { sequence }), true);
  }

  async captureFinger(index: number): Promise<ConformanceCapture> {
    return fromCapture(
      this.scanner.captureFinger(panelFinger(index, this.panelFingers) as FingerSpec),
      index < 8,
    );
  }

  async capturePresentation(species: string, index: number): Promise<ConformanceCapture> {
    const c = this.scanner.capturePresentation({
      species: species as AttackSpecies,
      finger: panelFinger(index, this.panelFingers) as FingerSpec,
    });
    return fromCapture(c, false);
  }

  padSpecies(): readonly string[] {
    return ATTACK_SPECIES;
  }

  /** Encode as an ISO/IEC 19794-4 record, decode, and compare: a one-line problem or null. */
  iso19794RoundTrip(image: GrayImage): string | null {
    return isoRoundTrip(image);
  }
}

export function isoRoundTrip(image: GrayImage): string | null {
  try {
    const capture = {
      image,
      ppiNominal: image.ppi,
      acquired: true,
      latencyMs: 0,
      pad: { score: 1, decision: 'bona-fide' },
      fingerPosition: 0,
    } as Capture;
    const bytes = captureToFingerImageRecord(capture);
    const record = decodeFingerImageRecord(bytes);
    const back = viewImage(record);
    if (back.width !== image.width || back.height !== image.height)
      return `record holds ${back.width}×${back.height}, the image is ${image.width}×${image.height}`;
    if (Math.round(back.ppi) !== Math.round(image.ppi))
      return `record says ${back.ppi} ppi, the image ${image.ppi}`;
    for (let i = 0; i < image.data.length; i++)
      if (back.data[i] !== image.data[i]) return `pixel ${i} changed in the round trip`;
    const again = encodeFingerImageRecord(record);
    if (Buffer.compare(again, bytes) !== 0)
      return 're-encoding the decoded record does not give the same bytes';
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
