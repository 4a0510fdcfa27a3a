import type { BitCylinders } from '../mcc/bit-cylinder.ts';
import type { ConsolidationParameters } from '../mcc/mcc-parameters.ts';
import { SIMILARITY_MATRIX_WASM } from './similarity-matrix.wasm.ts';

/**
 * The WebAssembly kernel of 1:1 comparison (similarity-matrix.wat): Γ by i64.popcnt, then LSS's pair
 * selection, on cylinders copied into the kernel's memory. One instance per thread (module state);
 * the last two cylinder sets stay in its memory, so comparing one template with many copies only
 * the other side each time.
 */
interface KernelExports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  gamma(
    bitsA: number,
    maskA: number,
    spatialA: number,
    angA: number,
    cntA: number,
    mcntA: number,
    nA: number,
    bitsB: number,
    maskB: number,
    spatialB: number,
    angB: number,
    cntB: number,
    mcntB: number,
    nB: number,
    words: number,
    spatialWords64: number,
    directions: number,
    full: number,
    minCommon: number,
    maxTurn: number,
    out: number,
    nz: number,
    keys: number,
    hist: number,
    listC: number,
    listI: number,
    listAll: number,
  ): number;
  select(
    nz: number,
    keys: number,
    count: number,
    hist: number,
    order: number,
    used: number,
    nA: number,
    nB: number,
    limit: number,
    pairs: number,
  ): number;
}

/** The part of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

const kernel = new wasm.Instance(new wasm.Module(Buffer.from(SIMILARITY_MATRIX_WASM, 'base64')), {})
  .exports as KernelExports;

let u8 = new Uint8Array(kernel.memory.buffer);
let u16 = new Uint16Array(kernel.memory.buffer);
let i32 = new Int32Array(kernel.memory.buffer);
let f32 = new Float32Array(kernel.memory.buffer);
let f64 = new Float64Array(kernel.memory.buffer);

const HIST = 0;
const HIST_BYTES = 1024 * 4;
const align = (n: number) => (n + 15) & ~15;

/** Byte offsets of one cylinder set's arrays in kernel memory. */
interface SideLayout {
  bits: number;
  mask: number;
  spatial: number;
  angle: number;
  bitCount: number;
  maskCount: number;
  end: number;
}

function sideLayout(start: number, c: BitCylinders): SideLayout {
  const bitsBytes = align(c.count * c.words * 4);
  const bits = start;
  const mask = bits + bitsBytes;
  const spatial = mask + bitsBytes;
  const angle = spatial + align(c.count * c.spatialWords * 4);
  const bitCount = angle + align(c.count * 8);
  const maskCount = bitCount + align(c.count * 2);
  return { bits, mask, spatial, angle, bitCount, maskCount, end: maskCount + align(c.count * 2) };
}

function copySide(l: SideLayout, c: BitCylinders): void {
  u8.set(new Uint8Array(c.bits.buffer, c.bits.byteOffset, c.bits.byteLength), l.bits);
  u8.set(new Uint8Array(c.mask.buffer, c.mask.byteOffset, c.mask.byteLength), l.mask);
  u8.set(new Uint8Array(c.spatial.buffer, c.spatial.byteOffset, c.spatial.byteLength), l.spatial);
  f64.set(c.angle, l.angle >> 3);
  u16.set(c.bitCount, l.bitCount >> 1);
  u16.set(c.maskCount, l.maskCount >> 1);
}

function ensureBytes(bytes: number): void {
  const have = kernel.memory.buffer.byteLength;
  if (bytes <= have) return;
  kernel.memory.grow(Math.ceil((bytes - have) / 65536));
  const b = kernel.memory.buffer;
  u8 = new Uint8Array(b);
  u16 = new Uint16Array(b);
  i32 = new Int32Array(b);
  f32 = new Float32Array(b);
  f64 = new Float64Array(b);
}

let lastA: BitCylinders | null = null;
let lastB: BitCylinders | null = null;
let lastBStart = -1;

/** Where Γ and the selection scratch lie for the current pair. */
interface PairLayout {
  a: SideLayout;
  b: SideLayout;
  out: number;
  nz: number;
  keys: number;
  order: number;
  used: number;
  pairs: number;
  listC: number;
  listI: number;
  listAll: number;
}

function load(a: BitCylinders, b: BitCylinders): PairLayout {
  const la = sideLayout(HIST + HIST_BYTES, a);
  const lb = sideLayout(la.end, b);
  const cells = align(a.count * b.count * 4);
  const out = lb.end;
  const nz = out + cells;
  const keys = nz + cells;
  const order = keys + cells;
  const used = order + cells;
  const pairs = used + align(a.count + b.count);
  const listC = pairs + align(Math.min(a.count, b.count) * 8);
  const listI = listC + align(b.count * 4);
  const listAll = listI + align(b.count * 4);
  ensureBytes(listAll + b.count * 4);
  if (lastA !== a) {
    copySide(la, a);
    lastA = a;
    lastB = null;
  }
  if (lastB !== b || lastBStart !== lb.bits) {
    copySide(lb, b);
    lastB = b;
    lastBStart = lb.bits;
  }
  return { a: la, b: lb, out, nz, keys, order, used, pairs, listC, listI, listAll };
}

function gamma(
  l: PairLayout,
  a: BitCylinders,
  b: BitCylinders,
  discCells: number,
  q: ConsolidationParameters,
) {
  const nd = a.params.directionalCells;
  return kernel.gamma(
    l.a.bits,
    l.a.mask,
    l.a.spatial,
    l.a.angle,
    l.a.bitCount,
    l.a.maskCount,
    a.count,
    l.b.bits,
    l.b.mask,
    l.b.spatial,
    l.b.angle,
    l.b.bitCount,
    l.b.maskCount,
    b.count,
    a.words,
    a.spatialWords / 2,
    nd,
    discCells * nd,
    q.minMatchableCells * discCells * nd,
    q.maxDirectionDifference,
    l.out,
    l.nz,
    l.keys,
    HIST,
    l.listC,
    l.listI,
    l.listAll,
  );
}

/**
 * Γ of two bit-cylinder sets into `out` (row-major, a × b): what `bitSimilarityMatrix` computes,
 * bit for bit. Returns the number of non-zero entries.
 */
export function kernelSimilarityMatrix(
  a: BitCylinders,
  b: BitCylinders,
  discCells: number,
  q: ConsolidationParameters,
  out: Float32Array,
): number {
  const l = load(a, b);
  const nonZero = gamma(l, a, b, discCells, q);
  out.set(f32.subarray(l.out >> 2, (l.out >> 2) + a.count * b.count));
  return nonZero;
}

/**
 * Γ, then LSS's selection of up to `limit` pairs (best λ first, no minutia twice), written to
 * `pairA`, `pairB` and `lambda0` as lss-r.ts's own selection does. Returns how many were chosen
 * (0 when Γ has no non-zero entry).
 */
export function kernelSelectPairs(
  a: BitCylinders,
  b: BitCylinders,
  discCells: number,
  q: ConsolidationParameters,
  limit: number,
  pairA: Int32Array,
  pairB: Int32Array,
  lambda0: Float64Array,
): number {
  if (a.count === 0 || b.count === 0) return 0;
  const l = load(a, b);
  const count = gamma(l, a, b, discCells, q);
  if (count === 0) return 0;
  const chosen = kernel.select(l.nz, l.keys, count, HIST, l.order, l.used, a.count, b.count, limit, l.pairs);
  const p = l.pairs >> 2;
  const g = l.out >> 2;
  for (let t = 0; t < chosen; t++) {
    const i = i32[p + 2 * t];
    const j = i32[p + 2 * t + 1];
    pairA[t] = i;
    pairB[t] = j;
    lambda0[t] = f32[g + i * b.count + j];
  }
  return chosen;
}
