import { type GrayImage, grayFromFloat, STANDARD_PPI } from './gray-image.ts';

const LOBES = 3;

function lanczos(x: number): number {
  if (x === 0) return 1;
  if (x <= -LOBES || x >= LOBES) return 0;
  const px = Math.PI * x;
  return (LOBES * Math.sin(px) * Math.sin(px / LOBES)) / (px * px);
}

interface Taps {
  start: Int32Array;
  count: number;
  index: Int32Array;
  weight: Float32Array;
}

/**
 * Per output sample, the input samples and normalised Lanczos-3 weights. When shrinking, the
 * kernel is stretched by 1/scale so that it low-passes before decimation (no aliasing of ridges).
 */
function taps(inSize: number, outSize: number): Taps {
  const scale = outSize / inSize;
  const stretch = Math.max(1, 1 / scale);
  const support = LOBES * stretch;
  const count = Math.ceil(support) * 2 + 1;
  const index = new Int32Array(outSize * count);
  const weight = new Float32Array(outSize * count);
  const start = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) / scale - 0.5;
    const first = Math.floor(center - support);
    start[o] = o * count;
    let sum = 0;
    for (let k = 0; k < count; k++) {
      const i = first + k;
      const w = lanczos((i - center) / stretch);
      index[o * count + k] = Math.min(inSize - 1, Math.max(0, i));
      weight[o * count + k] = w;
      sum += w;
    }
    for (let k = 0; k < count; k++) weight[o * count + k] /= sum;
  }
  return { start, count, index, weight };
}

/** Resamples to `targetPpi` (500 by default) with a separable Lanczos-3 filter; a no-op at that ppi. */
export function resampleToPpi(img: GrayImage, targetPpi = STANDARD_PPI): GrayImage {
  if (img.ppi === targetPpi) return img;
  const scale = targetPpi / img.ppi;
  const outW = Math.max(1, Math.round(img.width * scale));
  const outH = Math.max(1, Math.round(img.height * scale));
  const tx = taps(img.width, outW);
  const ty = taps(img.height, outH);
  const tmp = new Float32Array(outW * img.height);
  for (let y = 0; y < img.height; y++) {
    const row = y * img.width;
    for (let o = 0; o < outW; o++) {
      let s = 0;
      for (let k = 0, t = tx.start[o]; k < tx.count; k++, t++)
        s += img.data[row + tx.index[t]] * tx.weight[t];
      tmp[y * outW + o] = s;
    }
  }
  const out = new Float32Array(outW * outH);
  for (let o = 0; o < outH; o++) {
    for (let x = 0; x < outW; x++) {
      let s = 0;
      for (let k = 0, t = ty.start[o]; k < ty.count; k++, t++)
        s += tmp[ty.index[t] * outW + x] * ty.weight[t];
      out[o * outW + x] = s;
    }
  }
  return grayFromFloat(outW, outH, out, targetPpi);
}
