import { isFingerPosition } from '../fingerprints/finger-position.ts';
import {
  type FingerTemplate,
  type Minutia,
  type MinutiaType,
  normalizeAngle,
  type SingularPoint,
} from './template.ts';

/**
 * ISO/IEC 19794-2:2005 finger minutiae record ("FMR"), binary, big-endian.
 *
 *   record header, 24 bytes: 'FMR\0' | ' 20\0' | record length (4) | compliance (4 bits) +
 *     capture equipment ID (12 bits) | width (2) | height (2) | x, y resolution in px/cm (2+2) |
 *     number of finger views (1) | reserved 0 (1)
 *   per view, 4 bytes: finger position (1) | view number (4 bits) + impression type (4 bits) |
 *     finger quality 0–100 (1) | number of minutiae (1)
 *   per minutia, 6 bytes: type (2 bits: 01 ending, 10 bifurcation, 00 other) + x (14 bits) |
 *     reserved (2 bits) + y (14 bits) | angle in units of 360/256 = 1.40625° (1) | quality (1)
 *   extended data: total length of the blocks (2), then blocks: type (2) | length including
 *     these 4 header bytes (2) | data. Type 0x0002 is core/delta: core info byte (type 2 bits,
 *     01 = with angle; count 4 bits), cores (x 2, y 2, [angle 1]); delta info byte (type 2 bits;
 *     count 6 bits), deltas (x 2, y 2, [3 angles]).
 *
 * Field widths follow NIST's biomdi reference code (fmr.h) and FingerprintIO's model of the
 * 2005 format. Other extension blocks (ridge counts, vendor data) are kept as raw bytes so that
 * decode → encode is byte-exact.
 */

export class IsoRecordError extends Error {
  override name = 'IsoRecordError';
}

export interface IsoMinutia {
  type: 0 | 1 | 2;
  x: number;
  y: number;
  /** 0–255, units of 1.40625°, counter-clockwise. */
  angle: number;
  quality: number;
}

export interface IsoCore {
  x: number;
  y: number;
  angle?: number;
}

export interface IsoDelta {
  x: number;
  y: number;
  angles?: [number, number, number];
}

export interface IsoExtension {
  type: number;
  data: Uint8Array;
}

export interface IsoFingerView {
  /** 0 unknown, 1–10 ISO finger positions. */
  position: number;
  viewNumber: number;
  /** 0 live plain, 1 live rolled, 2 non-live plain, 3 non-live rolled, 8 swipe. */
  impressionType: number;
  quality: number;
  minutiae: IsoMinutia[];
  /** Present when the view has a core/delta block (cores and deltas with the angle flag). */
  coreDelta?: { coresWithAngle: boolean; deltasWithAngle: boolean; cores: IsoCore[]; deltas: IsoDelta[] };
  /** Every extension block in order, the core/delta one included (as type 2). */
  extensions: IsoExtension[];
}

export interface IsoFingerRecord {
  compliance: number;
  captureEquipmentId: number;
  width: number;
  height: number;
  /** Pixels per centimetre. */
  xResolution: number;
  yResolution: number;
  views: IsoFingerView[];
}

const MAGIC = [0x46, 0x4d, 0x52, 0x00];
const VERSION = [0x20, 0x32, 0x30, 0x00];
const HEADER = 24;
const CORE_DELTA = 0x0002;
const IMPRESSION_TYPES = new Set([0, 1, 2, 3, 8]);
const MAX_COORD = 0x3fff;

class Reader {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}
  need(n: number, what: string): void {
    if (this.pos + n > this.b.length) {
      throw new IsoRecordError(
        `truncated record: ${what} at byte ${this.pos} needs ${n} bytes, ${this.b.length - this.pos} left`,
      );
    }
  }
  u8(what: string): number {
    this.need(1, what);
    return this.b[this.pos++];
  }
  u16(what: string): number {
    this.need(2, what);
    const v = (this.b[this.pos] << 8) | this.b[this.pos + 1];
    this.pos += 2;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const v =
      ((this.b[this.pos] << 24) >>> 0) +
      (this.b[this.pos + 1] << 16) +
      (this.b[this.pos + 2] << 8) +
      this.b[this.pos + 3];
    this.pos += 4;
    return v;
  }
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const v = this.b.slice(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}

function check(ok: boolean, reason: string): void {
  if (!ok) throw new IsoRecordError(reason);
}

function text(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (c) =>
    c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`,
  ).join('');
}

function decodeCoreDelta(
  data: Uint8Array,
  width: number,
  height: number,
): NonNullable<IsoFingerView['coreDelta']> {
  const r = new Reader(data);
  const coreInfo = r.u8('core information');
  const coresWithAngle = coreInfo >> 6 === 1;
  const cores: IsoCore[] = [];
  for (let i = 0; i < (coreInfo & 0x0f); i++) {
    const x = r.u16('core x') & MAX_COORD;
    const y = r.u16('core y') & MAX_COORD;
    check(x < width && y < height, `core ${i} at (${x}, ${y}) is outside the ${width}×${height} image`);
    cores.push(coresWithAngle ? { x, y, angle: r.u8('core angle') } : { x, y });
  }
  const deltaInfo = r.u8('delta information');
  const deltasWithAngle = deltaInfo >> 6 === 1;
  const deltas: IsoDelta[] = [];
  for (let i = 0; i < (deltaInfo & 0x3f); i++) {
    const x = r.u16('delta x') & MAX_COORD;
    const y = r.u16('delta y') & MAX_COORD;
    check(x < width && y < height, `delta ${i} at (${x}, ${y}) is outside the ${width}×${height} image`);
    if (deltasWithAngle)
      deltas.push({ x, y, angles: [r.u8('delta angle'), r.u8('delta angle'), r.u8('delta angle')] });
    else deltas.push({ x, y });
  }
  check(r.pos === data.length, `core/delta block has ${data.length - r.pos} bytes after its last delta`);
  return { coresWithAngle, deltasWithAngle, cores, deltas };
}

function decodeView(r: Reader, index: number, width: number, height: number): IsoFingerView {
  const position = r.u8('finger position');
  check(position <= 10, `view ${index}: finger position ${position} is out of range 0–10`);
  const vi = r.u8('view number and impression type');
  const impressionType = vi & 0x0f;
  check(
    IMPRESSION_TYPES.has(impressionType),
    `view ${index}: impression type ${impressionType} is not 0–3 or 8`,
  );
  const quality = r.u8('finger quality');
  check(quality <= 100, `view ${index}: finger quality ${quality} is out of range 0–100`);
  const count = r.u8('number of minutiae');
  const minutiae: IsoMinutia[] = [];
  for (let i = 0; i < count; i++) {
    const tx = r.u16('minutia x');
    const ry = r.u16('minutia y');
    const type = tx >> 14;
    const x = tx & MAX_COORD;
    const y = ry & MAX_COORD;
    check(type !== 3, `view ${index}, minutia ${i}: type bits 11 are not a minutia type`);
    check(ry >> 14 === 0, `view ${index}, minutia ${i}: reserved bits of y are not zero`);
    check(
      x < width && y < height,
      `view ${index}, minutia ${i}: (${x}, ${y}) is outside the ${width}×${height} image`,
    );
    const angle = r.u8('minutia angle');
    const q = r.u8('minutia quality');
    check(q <= 100, `view ${index}, minutia ${i}: quality ${q} is out of range 0–100`);
    minutiae.push({ type: type as 0 | 1 | 2, x, y, angle, quality: q });
  }
  const extLength = r.u16('extended data length');
  const end = r.pos + extLength;
  r.need(extLength, 'extended data');
  const view: IsoFingerView = {
    position,
    viewNumber: vi >> 4,
    impressionType,
    quality,
    minutiae,
    extensions: [],
  };
  while (r.pos < end) {
    check(end - r.pos >= 4, `view ${index}: extended data ends inside a block header`);
    const type = r.u16('extension type');
    const length = r.u16('extension length');
    check(
      length >= 4 && r.pos - 4 + length <= end,
      `view ${index}: extension block of type ${type} has wrong length ${length}`,
    );
    const data = r.bytes(length - 4, 'extension data');
    view.extensions.push({ type, data });
    if (type === CORE_DELTA) view.coreDelta = decodeCoreDelta(data, width, height);
  }
  return view;
}

/** Decodes a record, rejecting any malformed field with an IsoRecordError naming it. */
export function decodeIsoRecord(bytes: Uint8Array): IsoFingerRecord {
  check(bytes.length >= HEADER, `truncated record: ${bytes.length} bytes, the header alone is ${HEADER}`);
  check(
    MAGIC.every((c, i) => bytes[i] === c),
    `bad magic '${text(bytes.subarray(0, 4))}': not an ISO/IEC 19794-2 record (expected 'FMR\\x00')`,
  );
  check(
    VERSION.every((c, i) => bytes[4 + i] === c),
    `unsupported version '${text(bytes.subarray(4, 8))}' (expected ' 20\\x00', ISO/IEC 19794-2:2005)`,
  );
  const r = new Reader(bytes);
  r.pos = 8;
  const length = r.u32('record length');
  check(
    length === bytes.length,
    `wrong length: the header says ${length} bytes, the record has ${bytes.length}`,
  );
  const equipment = r.u16('capture equipment');
  const width = r.u16('image width');
  const height = r.u16('image height');
  const xResolution = r.u16('x resolution');
  const yResolution = r.u16('y resolution');
  check(width > 0 && height > 0, `image size ${width}×${height} is empty`);
  check(
    xResolution > 0 && yResolution > 0,
    `resolution ${xResolution}×${yResolution} px/cm must be positive`,
  );
  const count = r.u8('number of finger views');
  check(count > 0, 'the record holds no finger view');
  const reserved = r.u8('reserved byte');
  check(reserved === 0, `reserved header byte is ${reserved}, must be 0`);
  const views: IsoFingerView[] = [];
  for (let i = 0; i < count; i++) views.push(decodeView(r, i, width, height));
  check(r.pos === bytes.length, `wrong length: ${bytes.length - r.pos} bytes follow the last finger view`);
  return {
    compliance: equipment >> 12,
    captureEquipmentId: equipment & 0x0fff,
    width,
    height,
    xResolution,
    yResolution,
    views,
  };
}

class Writer {
  private readonly parts: number[] = [];
  u8(v: number): void {
    this.parts.push(v & 0xff);
  }
  u16(v: number): void {
    this.parts.push((v >> 8) & 0xff, v & 0xff);
  }
  u32(v: number): void {
    this.parts.push((v >>> 24) & 0xff, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
  }
  bytes(b: ArrayLike<number>): void {
    for (let i = 0; i < b.length; i++) this.parts.push(b[i]);
  }
  get length(): number {
    return this.parts.length;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

function inRange(v: number, lo: number, hi: number, what: string): number {
  if (!Number.isInteger(v) || v < lo || v > hi)
    throw new IsoRecordError(`cannot encode ${what} ${v}: out of range ${lo}–${hi}`);
  return v;
}

function encodeCoreDelta(cd: NonNullable<IsoFingerView['coreDelta']>): Uint8Array {
  const w = new Writer();
  inRange(cd.cores.length, 0, 15, 'core count');
  inRange(cd.deltas.length, 0, 63, 'delta count');
  w.u8(((cd.coresWithAngle ? 1 : 0) << 6) | cd.cores.length);
  for (const c of cd.cores) {
    w.u16(inRange(c.x, 0, MAX_COORD, 'core x'));
    w.u16(inRange(c.y, 0, MAX_COORD, 'core y'));
    if (cd.coresWithAngle) w.u8(inRange(c.angle ?? 0, 0, 255, 'core angle'));
  }
  w.u8(((cd.deltasWithAngle ? 1 : 0) << 6) | cd.deltas.length);
  for (const d of cd.deltas) {
    w.u16(inRange(d.x, 0, MAX_COORD, 'delta x'));
    w.u16(inRange(d.y, 0, MAX_COORD, 'delta y'));
    if (cd.deltasWithAngle) for (const a of d.angles ?? [0, 0, 0]) w.u8(inRange(a, 0, 255, 'delta angle'));
  }
  return w.done();
}

/** Encodes a record; the inverse of decodeIsoRecord, byte for byte. */
export function encodeIsoRecord(rec: IsoFingerRecord): Uint8Array {
  const body = new Writer();
  for (const v of rec.views) {
    body.u8(inRange(v.position, 0, 10, 'finger position'));
    body.u8(
      (inRange(v.viewNumber, 0, 15, 'view number') << 4) |
        inRange(v.impressionType, 0, 15, 'impression type'),
    );
    body.u8(inRange(v.quality, 0, 100, 'finger quality'));
    body.u8(inRange(v.minutiae.length, 0, 255, 'minutiae count'));
    for (const m of v.minutiae) {
      body.u16((inRange(m.type, 0, 2, 'minutia type') << 14) | inRange(m.x, 0, MAX_COORD, 'minutia x'));
      body.u16(inRange(m.y, 0, MAX_COORD, 'minutia y'));
      body.u8(inRange(m.angle, 0, 255, 'minutia angle'));
      body.u8(inRange(m.quality, 0, 100, 'minutia quality'));
    }
    const blocks = v.extensions.map((e) => ({
      type: e.type,
      data: e.type === CORE_DELTA && v.coreDelta ? encodeCoreDelta(v.coreDelta) : e.data,
    }));
    const total = blocks.reduce((s, b) => s + 4 + b.data.length, 0);
    body.u16(inRange(total, 0, 0xffff, 'extended data length'));
    for (const b of blocks) {
      body.u16(b.type);
      body.u16(inRange(4 + b.data.length, 4, 0xffff, 'extension length'));
      body.bytes(b.data);
    }
  }
  const w = new Writer();
  w.bytes(MAGIC);
  w.bytes(VERSION);
  w.u32(HEADER + body.length);
  w.u16(
    (inRange(rec.compliance, 0, 15, 'compliance') << 12) |
      inRange(rec.captureEquipmentId, 0, 0x0fff, 'capture equipment ID'),
  );
  w.u16(inRange(rec.width, 1, 0xffff, 'image width'));
  w.u16(inRange(rec.height, 1, 0xffff, 'image height'));
  w.u16(inRange(rec.xResolution, 1, 0xffff, 'x resolution'));
  w.u16(inRange(rec.yResolution, 1, 0xffff, 'y resolution'));
  w.u8(inRange(rec.views.length, 1, 255, 'number of finger views'));
  w.u8(0);
  w.bytes(body.done());
  return w.done();
}

const TYPE_CODE: Record<MinutiaType, 0 | 1 | 2> = { other: 0, ending: 1, bifurcation: 2 };
const TYPE_NAME: MinutiaType[] = ['other', 'ending', 'bifurcation'];
const ANGLE_UNITS = 256;
const CM_PER_INCH = 2.54;

/** Radians (template.ts convention) to ISO's 1.40625° units, rounding to the nearest unit. */
export function angleToIso(a: number): number {
  return Math.round((normalizeAngle(a) / (2 * Math.PI)) * ANGLE_UNITS) % ANGLE_UNITS;
}

export function angleFromIso(units: number): number {
  return (units / ANGLE_UNITS) * 2 * Math.PI;
}

export interface IsoViewOptions {
  impressionType?: number;
  viewNumber?: number;
  captureEquipmentId?: number;
}

/** One template as a one-view record; coordinates are rounded to whole pixels, angles to 1.40625°. */
export function templateToIsoRecord(t: FingerTemplate, options: IsoViewOptions = {}): IsoFingerRecord {
  const clampX = (x: number) => Math.min(t.width - 1, Math.max(0, Math.round(x)));
  const clampY = (y: number) => Math.min(t.height - 1, Math.max(0, Math.round(y)));
  const view: IsoFingerView = {
    position: t.position ?? 0,
    viewNumber: options.viewNumber ?? 0,
    impressionType: options.impressionType ?? 0,
    quality: Math.round(t.quality),
    minutiae: t.minutiae.map((m) => ({
      type: TYPE_CODE[m.type],
      x: clampX(m.x),
      y: clampY(m.y),
      angle: angleToIso(m.angle),
      quality: Math.round(m.quality),
    })),
    extensions: [],
  };
  const sp = t.singularPoints ?? [];
  if (sp.length > 0) {
    const cores = sp.filter((p) => p.type === 'core');
    const deltas = sp.filter((p) => p.type === 'delta');
    const coresWithAngle = cores.length > 0 && cores.every((c) => c.angle !== undefined);
    const deltasWithAngle = deltas.length > 0 && deltas.every((d) => d.angle !== undefined);
    view.coreDelta = {
      coresWithAngle,
      deltasWithAngle,
      cores: cores.slice(0, 15).map((c) => ({
        x: clampX(c.x),
        y: clampY(c.y),
        ...(coresWithAngle ? { angle: angleToIso(c.angle!) } : {}),
      })),
      deltas: deltas.slice(0, 63).map((d) => {
        const a = angleToIso(d.angle ?? 0);
        return {
          x: clampX(d.x),
          y: clampY(d.y),
          ...(deltasWithAngle ? { angles: [a, a, a] as [number, number, number] } : {}),
        };
      }),
    };
    view.extensions.push({ type: CORE_DELTA, data: encodeCoreDelta(view.coreDelta) });
  }
  const res = Math.round(t.ppi / CM_PER_INCH);
  return {
    compliance: 0,
    captureEquipmentId: options.captureEquipmentId ?? 0,
    width: t.width,
    height: t.height,
    xResolution: res,
    yResolution: res,
    views: [view],
  };
}

/** The record's views as templates (ppi from the x resolution, rounded to a whole ppi). */
export function isoRecordToTemplates(rec: IsoFingerRecord): FingerTemplate[] {
  const ppi = Math.round(rec.xResolution * CM_PER_INCH);
  return rec.views.map((v) => {
    const minutiae: Minutia[] = v.minutiae.map((m) => ({
      x: m.x,
      y: m.y,
      angle: angleFromIso(m.angle),
      type: TYPE_NAME[m.type],
      quality: m.quality,
    }));
    const singularPoints: SingularPoint[] = [
      ...(v.coreDelta?.cores ?? []).map((c) => ({
        type: 'core' as const,
        x: c.x,
        y: c.y,
        ...(c.angle !== undefined ? { angle: angleFromIso(c.angle) } : {}),
      })),
      ...(v.coreDelta?.deltas ?? []).map((d) => ({
        type: 'delta' as const,
        x: d.x,
        y: d.y,
        ...(d.angles ? { angle: angleFromIso(d.angles[0]) } : {}),
      })),
    ];
    const t: FingerTemplate = {
      width: rec.width,
      height: rec.height,
      ppi,
      quality: v.quality,
      minutiae,
      singularPoints,
    };
    if (isFingerPosition(v.position)) t.position = v.position;
    return t;
  });
}

/** A template as an ISO/IEC 19794-2:2005 record. */
export function encodeIsoTemplate(t: FingerTemplate, options: IsoViewOptions = {}): Uint8Array {
  return encodeIsoRecord(templateToIsoRecord(t, options));
}

/** The first finger view of an ISO/IEC 19794-2:2005 record as a template. */
export function decodeIsoTemplate(bytes: Uint8Array): FingerTemplate {
  return isoRecordToTemplates(decodeIsoRecord(bytes))[0];
}
