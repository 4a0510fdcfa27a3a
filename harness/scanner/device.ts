import type { GrayImage } from '../../sim/image/gray-image.ts';
import type { TestTarget } from './target-catalogue.ts';

/** A PAD decision as the device reports it (ISO/IEC 30107-3 vocabulary). */
export type PadDecision = 'bona-fide' | 'attack';

/**
 * One capture as the conformance suite sees it, whatever delivered it (a virtual scanner, a device
 * over HTTP, a vendor's image folder). `image` is null when the capture could not be used, and
 * `problem` then says why in one line; `png` keeps the bytes as delivered for the format checks.
 */
export interface ConformanceCapture {
  image: GrayImage | null;
  png?: Uint8Array;
  problem?: string;
  acquired: boolean;
  failureReason?: string;
  latencyMs?: number;
  pad?: { score: number; decision: PadDecision };
}

export interface DeviceIdentity {
  source: 'profile' | 'device' | 'images';
  name: string;
  ppi: number;
  widthMm?: number;
  heightMm?: number;
  description?: string;
}

/** What the suite needs from a device; each source implements what it can and says so. */
export interface ConformanceDevice {
  identity(): Promise<DeviceIdentity>;
  /** A scan of a test chart (made the size of the platen given by identity()). */
  captureTarget(target: TestTarget, sequence: number): Promise<ConformanceCapture>;
  /** Live captures of the standard synthetic panel; null when the source has none (image folders). */
  captureFinger?(index: number): Promise<ConformanceCapture>;
  /** How many live captures the source holds, when it holds a fixed set (an image folder). */
  fingerCount?(): Promise<number>;
  capturePresentation?(species: string, index: number): Promise<ConformanceCapture>;
  padSpecies?(): readonly string[];
  /** ISO/IEC 19794-4 round trip of a capture, when a codec is available; returns a problem or null. */
  iso19794RoundTrip?(image: GrayImage): string | null;
  close?(): Promise<void>;
}

/** Raised by a source when the device itself cannot be reached; the suite turns it into not-measured. */
export class DeviceUnavailableError extends Error {
  override name = 'DeviceUnavailableError';
}
