import { type FingerPosition, isFingerPosition } from '../../fingerprints/finger-position.ts';
import type { FingerTemplate, MinutiaType } from '../template.ts';
import { INDEX_CYLINDER, type IndexCylinderParameters } from './identification-parameters.ts';
import { type CylinderLayout, cylinderLayout, indexCylinders } from './index-cylinder.ts';
import { type ColumnArray, type ColumnType, SharedColumn } from './shared-column.ts';

/**
 * A 1:N gallery: for each enrolled finger, its subject's opaque identifier, finger position, the
 * minutiae (for the 1:1 re-scoring) and the index cylinders (for the search), in typed arrays on
 * SharedArrayBuffers that search threads read in place. Entries are numbered in enrolment order.
 */
export interface GalleryColumns {
  /** Per entry: ISO finger position (0 unknown), template size/resolution/quality. */
  position: Uint8Array;
  width: Uint16Array;
  height: Uint16Array;
  ppi: Uint16Array;
  quality: Uint8Array;
  /** Per entry + 1: where the entry's minutiae, cylinders and subject identifier bytes start. */
  minutiaStart: Uint32Array;
  cylinderStart: Uint32Array;
  subjectStart: Uint32Array;
  /** Per minutia: pixels at the template's ppi, radians (ISO convention), type code, ISO quality. */
  x: Float32Array;
  y: Float32Array;
  angle: Float32Array;
  type: Uint8Array;
  minutiaQuality: Uint8Array;
  /** Per cylinder: `words` code words, and the count of 1 bits. */
  codes: Uint32Array;
  ones: Uint8Array;
  /** UTF-8 of the subject identifiers, back to back. */
  subjectBytes: Uint8Array;
}

export type ColumnName = keyof GalleryColumns;

/** Column order: the gallery file stores them in this order. */
export const COLUMN_TYPES: { readonly [K in ColumnName]: ColumnType<GalleryColumns[K]> } = {
  position: Uint8Array,
  width: Uint16Array,
  height: Uint16Array,
  ppi: Uint16Array,
  quality: Uint8Array,
  minutiaStart: Uint32Array,
  cylinderStart: Uint32Array,
  subjectStart: Uint32Array,
  x: Float32Array,
  y: Float32Array,
  angle: Float32Array,
  type: Uint8Array,
  minutiaQuality: Uint8Array,
  codes: Uint32Array,
  ones: Uint8Array,
  subjectBytes: Uint8Array,
};

export const COLUMN_NAMES = Object.keys(COLUMN_TYPES) as ColumnName[];

const TYPE_CODES: readonly MinutiaType[] = ['ending', 'bifurcation', 'other'];

export interface GalleryEntry {
  subjectId: string;
  /** Omitted when not known (stored as 0). */
  position?: FingerPosition;
  template: FingerTemplate;
}

type Columns = { [K in ColumnName]: SharedColumn<GalleryColumns[K]> };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}

function emptyColumns(): Columns {
  const c = {} as Record<ColumnName, SharedColumn<ColumnArray>>;
  for (const name of COLUMN_NAMES) c[name] = new SharedColumn(COLUMN_TYPES[name] as ColumnType<ColumnArray>);
  for (const start of ['minutiaStart', 'cylinderStart', 'subjectStart'] as const) c[start].push(0);
  return c as Columns;
}

function checkEntry(e: GalleryEntry): void {
  if (typeof e.subjectId !== 'string' || e.subjectId.length === 0)
    throw new TypeError('a gallery entry needs a non-empty subject identifier');
  if (e.position !== undefined && !isFingerPosition(e.position))
    throw new RangeError(`finger position ${e.position} is not 1–10`);
  const t = e.template;
  for (const k of ['width', 'height', 'ppi'] as const)
    if (!Number.isInteger(t[k]) || t[k] < 0 || t[k] > 0xffff)
      throw new RangeError(`template ${k} ${t[k]} does not fit a gallery entry (0–65535)`);
}

export class Gallery {
  readonly layout: CylinderLayout;
  private readonly columns: Columns;

  private constructor(layout: CylinderLayout, columns: Columns) {
    this.layout = layout;
    this.columns = columns;
  }

  static create(params: IndexCylinderParameters = INDEX_CYLINDER): Gallery {
    return new Gallery(cylinderLayout(params), emptyColumns());
  }

  /**
   * Bulk build: codes every entry first, then writes each column once at its final size. The result
   * equals enrolling the entries one by one, in order.
   */
  static build(entries: Iterable<GalleryEntry>, params: IndexCylinderParameters = INDEX_CYLINDER): Gallery {
    const layout = cylinderLayout(params);
    const encoded = Array.from(entries, (e) => encodeEntry(e, layout));
    const minutiae = encoded.reduce((n, e) => n + e.template.minutiae.length, 0);
    const cylinders = encoded.reduce((n, e) => n + e.ones.length, 0);
    const bytes = encoded.reduce((n, e) => n + e.subject.length, 0);
    const n = encoded.length;
    const size: { readonly [K in ColumnName]: number } = {
      position: n,
      width: n,
      height: n,
      ppi: n,
      quality: n,
      minutiaStart: n + 1,
      cylinderStart: n + 1,
      subjectStart: n + 1,
      x: minutiae,
      y: minutiae,
      angle: minutiae,
      type: minutiae,
      minutiaQuality: minutiae,
      codes: cylinders * layout.words,
      ones: cylinders,
      subjectBytes: bytes,
    };
    const c = {} as Record<ColumnName, SharedColumn<ColumnArray>>;
    for (const name of COLUMN_NAMES)
      c[name] = new SharedColumn(COLUMN_TYPES[name] as ColumnType<ColumnArray>, size[name]);
    for (const start of ['minutiaStart', 'cylinderStart', 'subjectStart'] as const) c[start].push(0);
    for (const e of encoded) write(c as Columns, e);
    return new Gallery(layout, c as Columns);
  }

  /** A gallery over existing columns (a loaded file); they are adopted, not copied, when shared. */
  static fromColumns(params: IndexCylinderParameters, columns: GalleryColumns): Gallery {
    const c = {} as Record<ColumnName, SharedColumn<ColumnArray>>;
    for (const name of COLUMN_NAMES)
      c[name] = SharedColumn.of(COLUMN_TYPES[name] as ColumnType<ColumnArray>, columns[name]);
    return new Gallery(cylinderLayout(params), c as Columns);
  }

  get size(): number {
    return this.columns.position.length;
  }

  get params(): IndexCylinderParameters {
    return this.layout.params;
  }

  /** Adds one finger; returns its entry number. */
  enrol(entry: GalleryEntry): number {
    write(this.columns, encodeEntry(entry, this.layout));
    return this.size - 1;
  }

  /** Appends every entry of another gallery with the same cylinder parameters (a batch built elsewhere). */
  append(other: Gallery): void {
    if (JSON.stringify(other.params) !== JSON.stringify(this.params))
      throw new RangeError('cannot merge galleries built with different index cylinder parameters');
    const c = this.columns;
    const o = other.view();
    const offsets = {
      minutiaStart: c.x.length,
      cylinderStart: c.ones.length,
      subjectStart: c.subjectBytes.length,
    };
    for (const name of COLUMN_NAMES) {
      if (name in offsets) {
        const base = offsets[name as keyof typeof offsets];
        const starts = o[name] as Uint32Array;
        for (let i = 1; i < starts.length; i++) c[name].push(base + starts[i]);
      } else (c[name] as SharedColumn<ColumnArray>).append(o[name]);
    }
  }

  /** The columns as they stand, views on shared memory (valid until the next enrolment grows one). */
  view(): GalleryColumns {
    const v = {} as Record<ColumnName, ColumnArray>;
    for (const name of COLUMN_NAMES) v[name] = this.columns[name].view();
    return v as GalleryColumns;
  }

  subjectId(entry: number): string {
    const s = this.columns.subjectStart;
    return decoder.decode(this.columns.subjectBytes.view().subarray(s.at(entry), s.at(entry + 1)));
  }

  position(entry: number): FingerPosition | undefined {
    const p = this.columns.position.at(entry);
    return p === 0 ? undefined : (p as FingerPosition);
  }

  /** The entry's template as the 1:1 matcher sees it (coordinates and angles at float32 precision). */
  template(entry: number): FingerTemplate {
    return templateOf(this.view(), entry);
  }

  /** Bytes of the search structure (all columns) per entry. */
  bytes(): number {
    let total = 0;
    for (const name of COLUMN_NAMES) total += this.columns[name].view().byteLength;
    return total;
  }
}

interface EncodedEntry {
  template: FingerTemplate;
  position: number;
  codes: Uint32Array;
  ones: Uint8Array;
  subject: Uint8Array;
}

function encodeEntry(entry: GalleryEntry, layout: CylinderLayout): EncodedEntry {
  checkEntry(entry);
  const codes = indexCylinders(entry.template, layout);
  const words = layout.words;
  const ones = new Uint8Array(codes.length / words);
  for (let k = 0; k < ones.length; k++)
    for (let w = 0; w < words; w++) ones[k] += popcount(codes[k * words + w]);
  return {
    template: entry.template,
    position: entry.position ?? 0,
    codes,
    ones,
    subject: encoder.encode(entry.subjectId),
  };
}

function write(c: Columns, e: EncodedEntry): void {
  const t = e.template;
  c.position.push(e.position);
  c.width.push(t.width);
  c.height.push(t.height);
  c.ppi.push(t.ppi);
  c.quality.push(Math.max(0, Math.min(100, Math.round(t.quality))));
  for (const m of t.minutiae) {
    c.x.push(m.x);
    c.y.push(m.y);
    c.angle.push(m.angle);
    c.type.push(Math.max(0, TYPE_CODES.indexOf(m.type)));
    c.minutiaQuality.push(Math.max(0, Math.min(100, Math.round(m.quality))));
  }
  c.codes.append(e.codes);
  c.ones.append(e.ones);
  c.subjectBytes.append(e.subject);
  c.minutiaStart.push(c.x.length);
  c.cylinderStart.push(c.ones.length);
  c.subjectStart.push(c.subjectBytes.length);
}

/** Reads entry `e`'s template back from the columns (also what search threads do). */
export function templateOf(c: GalleryColumns, e: number): FingerTemplate {
  const minutiae = [];
  for (let m = c.minutiaStart[e]; m < c.minutiaStart[e + 1]; m++)
    minutiae.push({
      x: c.x[m],
      y: c.y[m],
      angle: c.angle[m],
      type: TYPE_CODES[c.type[m]] ?? 'other',
      quality: c.minutiaQuality[m],
    });
  const t: FingerTemplate = {
    width: c.width[e],
    height: c.height[e],
    ppi: c.ppi[e],
    quality: c.quality[e],
    minutiae,
  };
  if (c.position[e] !== 0) t.position = c.position[e] as FingerPosition;
  return t;
}
