import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { COLUMN_NAMES, COLUMN_TYPES, type ColumnName, Gallery, type GalleryColumns } from './gallery.ts';
import type { IndexCylinderParameters } from './identification-parameters.ts';
import type { ColumnArray } from './shared-column.ts';

/**
 * The gallery file: a fixed little-endian header, a table of column sections, then the columns'
 * bytes, each section 8-byte aligned, so that a column is read (or memory-mapped) straight into the
 * typed array that searches it.
 *
 *   0  magic "DACTYGAL"          32 radius R f64           80 per column: offset u64, bytes u64
 *   8  format version u32        40 sigmaS f64                (16 columns, COLUMN_NAMES order)
 *  12  header bytes u32          48 sigmaD f64             then the sections
 *  16  entries u32               56 threshold f64
 *  20  minutiae u32              64 NS u32, 68 ND u32
 *  24  cylinders u32             72 minNeighbours u32
 *  28  words per cylinder u32    76 column count u32
 */
export const GALLERY_MAGIC = 'DACTYGAL';
export const GALLERY_FORMAT_VERSION = 1;
const FIXED_HEADER = 80;
const HEADER_BYTES = FIXED_HEADER + 16 * COLUMN_NAMES.length;

export class GalleryFileError extends Error {
  override name = 'GalleryFileError';
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

interface Counts {
  entries: number;
  minutiae: number;
  cylinders: number;
  words: number;
}

function expectedLength(name: ColumnName, c: Counts, subjectBytes: number): number {
  switch (name) {
    case 'minutiaStart':
    case 'cylinderStart':
    case 'subjectStart':
      return c.entries + 1;
    case 'x':
    case 'y':
    case 'angle':
    case 'type':
    case 'minutiaQuality':
      return c.minutiae;
    case 'codes':
      return c.cylinders * c.words;
    case 'ones':
      return c.cylinders;
    case 'subjectBytes':
      return subjectBytes;
    default:
      return c.entries;
  }
}

/** The file's header for `columns`, with the section offsets it implies. */
function header(params: IndexCylinderParameters, words: number, columns: GalleryColumns): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const v = new DataView(bytes.buffer);
  for (let i = 0; i < 8; i++) bytes[i] = GALLERY_MAGIC.charCodeAt(i);
  v.setUint32(8, GALLERY_FORMAT_VERSION, true);
  v.setUint32(12, HEADER_BYTES, true);
  v.setUint32(16, columns.position.length, true);
  v.setUint32(20, columns.x.length, true);
  v.setUint32(24, columns.ones.length, true);
  v.setUint32(28, words, true);
  v.setFloat64(32, params.radius, true);
  v.setFloat64(40, params.sigmaS, true);
  v.setFloat64(48, params.sigmaD, true);
  v.setFloat64(56, params.threshold, true);
  v.setUint32(64, params.spatialCells, true);
  v.setUint32(68, params.directionalCells, true);
  v.setUint32(72, params.minNeighbours, true);
  v.setUint32(76, COLUMN_NAMES.length, true);
  let offset = align8(HEADER_BYTES);
  COLUMN_NAMES.forEach((name, i) => {
    const length = columns[name].byteLength;
    v.setBigUint64(FIXED_HEADER + 16 * i, BigInt(offset), true);
    v.setBigUint64(FIXED_HEADER + 16 * i + 8, BigInt(length), true);
    offset = align8(offset + length);
  });
  return bytes;
}

/** The file's bytes in order: header, then each column and its padding. */
export function* galleryFileChunks(gallery: Gallery): Generator<Uint8Array> {
  const columns = gallery.view();
  const head = header(gallery.params, gallery.layout.words, columns);
  yield head;
  let written = head.length;
  for (const name of COLUMN_NAMES) {
    const pad = align8(written) - written;
    if (pad > 0) yield new Uint8Array(pad);
    const c = columns[name];
    // Typed arrays are in the host's byte order, little-endian on every platform Node supports.
    yield new Uint8Array(c.buffer, c.byteOffset, c.byteLength);
    written = align8(written) + c.byteLength;
  }
}

export function saveGallery(gallery: Gallery, path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of galleryFileChunks(gallery)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

/** Where the bytes come from: a file or a buffer. */
interface Source {
  size: number;
  read(offset: number, into: Uint8Array): void;
}

function parseHeader(head: Uint8Array, size: number) {
  if (size < 12) throw new GalleryFileError(`not a dactylo gallery: only ${size} bytes`);
  const magic = String.fromCharCode(...head.subarray(0, 8));
  if (magic !== GALLERY_MAGIC) throw new GalleryFileError('not a dactylo gallery (bad magic)');
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const version = v.getUint32(8, true);
  if (version !== GALLERY_FORMAT_VERSION)
    throw new GalleryFileError(
      `gallery format version ${version} is not supported (this dactylo reads ${GALLERY_FORMAT_VERSION})`,
    );
  if (size < HEADER_BYTES)
    throw new GalleryFileError(`truncated gallery: header needs ${HEADER_BYTES} bytes, file has ${size}`);
  if (v.getUint32(12, true) !== HEADER_BYTES || v.getUint32(76, true) !== COLUMN_NAMES.length)
    throw new GalleryFileError('corrupt gallery header (header size or column count)');
  const params: IndexCylinderParameters = {
    radius: v.getFloat64(32, true),
    sigmaS: v.getFloat64(40, true),
    sigmaD: v.getFloat64(48, true),
    threshold: v.getFloat64(56, true),
    spatialCells: v.getUint32(64, true),
    directionalCells: v.getUint32(68, true),
    minNeighbours: v.getUint32(72, true),
  };
  const sane =
    Number.isFinite(params.radius) &&
    params.radius > 0 &&
    params.radius <= 1000 &&
    params.spatialCells >= 1 &&
    params.spatialCells <= 32 &&
    params.directionalCells >= 1 &&
    params.directionalCells <= 16 &&
    params.sigmaS > 0 &&
    params.sigmaD > 0 &&
    Number.isFinite(params.threshold);
  if (!sane) throw new GalleryFileError('corrupt gallery header: index cylinder parameters out of range');
  const counts: Counts = {
    entries: v.getUint32(16, true),
    minutiae: v.getUint32(20, true),
    cylinders: v.getUint32(24, true),
    words: v.getUint32(28, true),
  };
  const sections = COLUMN_NAMES.map((_, i) => ({
    offset: Number(v.getBigUint64(FIXED_HEADER + 16 * i, true)),
    bytes: Number(v.getBigUint64(FIXED_HEADER + 16 * i + 8, true)),
  }));
  return { params, counts, sections };
}

function readColumns(source: Source): Gallery {
  const head = new Uint8Array(Math.min(HEADER_BYTES, source.size));
  source.read(0, head);
  const { params, counts, sections } = parseHeader(head, source.size);
  const columns = {} as Record<ColumnName, ColumnArray>;
  COLUMN_NAMES.forEach((name, i) => {
    const { offset, bytes } = sections[i];
    const type = COLUMN_TYPES[name];
    if (offset % 8 !== 0 || offset < HEADER_BYTES || bytes % type.BYTES_PER_ELEMENT !== 0)
      throw new GalleryFileError(`corrupt gallery: section ${name} is misplaced`);
    if (offset + bytes > source.size)
      throw new GalleryFileError(
        `truncated gallery: section ${name} ends at byte ${offset + bytes}, file has ${source.size}`,
      );
    const subjectBytes = name === 'subjectBytes' ? (columns.subjectStart as Uint32Array)[counts.entries] : 0;
    const length = bytes / type.BYTES_PER_ELEMENT;
    if (length !== expectedLength(name, counts, subjectBytes))
      throw new GalleryFileError(
        `corrupt gallery: section ${name} holds ${length} values, the header implies ${expectedLength(name, counts, subjectBytes)}`,
      );
    const shared = new SharedArrayBuffer(Math.max(1, bytes));
    source.read(offset, new Uint8Array(shared, 0, bytes));
    columns[name] = new type(shared, 0, length);
  });
  const c = columns as GalleryColumns;
  checkStarts(c.minutiaStart, counts.minutiae, 'minutiaStart');
  checkStarts(c.cylinderStart, counts.cylinders, 'cylinderStart');
  checkStarts(c.subjectStart, c.subjectBytes.length, 'subjectStart');
  const gallery = Gallery.fromColumns(params, c);
  if (gallery.layout.words !== counts.words)
    throw new GalleryFileError(
      `corrupt gallery: ${counts.words} words per cylinder, parameters imply ${gallery.layout.words}`,
    );
  return gallery;
}

function checkStarts(starts: Uint32Array, total: number, name: string): void {
  if (starts[0] !== 0 || starts[starts.length - 1] !== total)
    throw new GalleryFileError(`corrupt gallery: ${name} does not span its section`);
  for (let i = 1; i < starts.length; i++)
    if (starts[i] < starts[i - 1])
      throw new GalleryFileError(`corrupt gallery: ${name} goes backwards at entry ${i}`);
}

/** Reads a gallery file into shared memory; throws GalleryFileError with the reason when it is not one. */
export function loadGallery(path: string): Gallery {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    return readColumns({
      size,
      read(offset, into) {
        // readSync moves at most 2 GiB at a time.
        for (let done = 0; done < into.length; ) {
          const n = readSync(fd, into, done, Math.min(into.length - done, 1 << 30), offset + done);
          if (n === 0) throw new GalleryFileError(`truncated gallery: read stopped at byte ${offset + done}`);
          done += n;
        }
      },
    });
  } finally {
    closeSync(fd);
  }
}

/** The same from bytes already in memory. */
export function decodeGallery(bytes: Uint8Array): Gallery {
  return readColumns({
    size: bytes.length,
    read: (offset, into) => into.set(bytes.subarray(offset, offset + into.length)),
  });
}

/** The whole file as one buffer (tests, small galleries). */
export function encodeGallery(gallery: Gallery): Uint8Array {
  const chunks = [...galleryFileChunks(gallery)];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let k = 0;
  for (const c of chunks) {
    out.set(c, k);
    k += c.length;
  }
  return out;
}
