import { encodeGrayPng } from '../image/png-encode.ts';
import type { Capture } from './types.ts';

/** The capture as an 8-bit grayscale PNG whose pHYs chunk records the device's nominal resolution. */
export function captureToPng(capture: Capture): Buffer {
  return encodeGrayPng(capture.image);
}
