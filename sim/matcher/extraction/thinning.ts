import type { BinaryImage } from './binarization.ts';

/**
 * Neighbour bits in the order P2…P9 of Zhang & Suen (N, NE, E, SE, S, SW, W, NW), bit k = P(k+2).
 * Every test below is a 256-entry table over this byte.
 */
export function neighbourByte(data: Uint8Array, i: number, width: number): number {
  return (
    data[i - width] |
    (data[i - width + 1] << 1) |
    (data[i + 1] << 2) |
    (data[i + width + 1] << 3) |
    (data[i + width] << 4) |
    (data[i + width - 1] << 5) |
    (data[i - 1] << 6) |
    (data[i - width - 1] << 7)
  );
}

const bit = (n: number, k: number) => (n >> k) & 1;

function transitions(n: number): number {
  let a = 0;
  for (let k = 0; k < 8; k++) if (!bit(n, k) && bit(n, (k + 1) % 8)) a++;
  return a;
}

function popcount(n: number): number {
  let c = 0;
  for (let k = 0; k < 8; k++) c += bit(n, k);
  return c;
}

/** Yokoi's 8-connectivity number: 1 means removing the pixel keeps its neighbours connected. */
function yokoi8(n: number): number {
  // Yokoi indexes from E counter-clockwise: x1=E, x2=NE, x3=N, x4=NW, x5=W, x6=SW, x7=S, x8=SE.
  const x = [bit(n, 2), bit(n, 1), bit(n, 0), bit(n, 7), bit(n, 6), bit(n, 5), bit(n, 4), bit(n, 3)];
  const c = x.map((v) => 1 - v);
  let s = 0;
  for (const k of [0, 2, 4, 6]) s += c[k] - c[k] * c[(k + 1) % 8] * c[(k + 2) % 8];
  return s;
}

const P2 = 0;
const P4 = 2;
const P6 = 4;
const P8 = 6;

function table(step: 0 | 1): Uint8Array {
  const t = new Uint8Array(256);
  for (let n = 0; n < 256; n++) {
    const b = popcount(n);
    if (b < 2 || b > 6 || transitions(n) !== 1) continue;
    const ok =
      step === 0
        ? !(bit(n, P2) && bit(n, P4) && bit(n, P6)) && !(bit(n, P4) && bit(n, P6) && bit(n, P8))
        : !(bit(n, P2) && bit(n, P4) && bit(n, P8)) && !(bit(n, P2) && bit(n, P6) && bit(n, P8));
    t[n] = ok ? 1 : 0;
  }
  return t;
}

const STEP = [table(0), table(1)];
const SIMPLE = new Uint8Array(256);
for (let n = 0; n < 256; n++) SIMPLE[n] = popcount(n) >= 2 && yokoi8(n) === 1 ? 1 : 0;

/**
 * Zhang–Suen thinning (1984) to a one-pixel skeleton, then one sequential pass removing the
 * simple non-end pixels Zhang–Suen leaves on staircases (Yokoi connectivity 1), so that every
 * skeleton pixel away from minutiae has exactly two neighbours and the crossing number is exact.
 */
export function thin(img: BinaryImage): BinaryImage {
  const { width, height } = img;
  const data = img.data.slice();
  for (let x = 0; x < width; x++) data[x] = data[(height - 1) * width + x] = 0;
  for (let y = 0; y < height; y++) data[y * width] = data[y * width + width - 1] = 0;
  let active: number[] = [];
  for (let i = 0; i < data.length; i++) if (data[i]) active.push(i);
  const remove: number[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const t of STEP) {
      remove.length = 0;
      for (const i of active) if (data[i] && t[neighbourByte(data, i, width)]) remove.push(i);
      for (const i of remove) data[i] = 0;
      if (remove.length > 0) changed = true;
    }
    active = active.filter((i) => data[i] === 1);
  }
  for (const i of active) if (SIMPLE[neighbourByte(data, i, width)]) data[i] = 0;
  return { width, height, data };
}
