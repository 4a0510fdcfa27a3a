import type { Random } from '../random/index.ts';
import type { ScannerProfile } from './scanner-profile-types.ts';

/**
 * Time from trigger to image, log-normal around the profile's median (0.1 ms steps): capture times
 * are positive and right-skewed — most captures are quick, a few wait for the finger to settle.
 */
export function captureLatency(profile: ScannerProfile, random: Random): number {
  const { medianMs, sigmaLog } = profile.latency;
  return Math.round(medianMs * Math.exp(sigmaLog * random.normal()) * 10) / 10;
}
