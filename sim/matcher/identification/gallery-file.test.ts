import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COLUMN_NAMES, Gallery } from './gallery.ts';
import {
  decodeGallery,
  encodeGallery,
  GALLERY_FORMAT_VERSION,
  GalleryFileError,
  loadGallery,
  saveGallery,
} from './gallery-file.ts';
import { syntheticEntries } from './synthetic-gallery.ts';

const gallery = Gallery.build(syntheticEntries('file-test', 0, 40));
const bytes = encodeGallery(gallery);
const dir = mkdtempSync(join(tmpdir(), 'dactylo-gallery-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reason(b: Uint8Array): string {
  try {
    decodeGallery(b);
  } catch (e) {
    expect(e).toBeInstanceOf(GalleryFileError);
    return (e as Error).message;
  }
  throw new Error('decoded a bad gallery file');
}

describe('gallery file', () => {
  it('round-trips byte-exactly through a file', () => {
    const path = join(dir, 'g.dgal');
    saveGallery(gallery, path);
    const file = readFileSync(path);
    expect(new Uint8Array(file)).toEqual(bytes);
    const loaded = loadGallery(path);
    expect(encodeGallery(loaded)).toEqual(bytes);
    const a = gallery.view();
    const b = loaded.view();
    for (const name of COLUMN_NAMES) {
      expect(b[name], name).toEqual(a[name]);
      expect(b[name].buffer, name).toBeInstanceOf(SharedArrayBuffer);
    }
    expect(loaded.params).toEqual(gallery.params);
    expect(loaded.subjectId(39)).toBe(gallery.subjectId(39));
  });

  it('round-trips an empty gallery, and a loaded gallery keeps growing', () => {
    const empty = decodeGallery(encodeGallery(Gallery.create()));
    expect(empty.size).toBe(0);
    const loaded = decodeGallery(bytes);
    loaded.enrol(syntheticEntries('file-test', 40, 41)[0]);
    expect(encodeGallery(loaded)).toEqual(encodeGallery(Gallery.build(syntheticEntries('file-test', 0, 41))));
  });

  it('places every section at an 8-byte boundary', () => {
    const v = new DataView(bytes.buffer, bytes.byteOffset);
    for (let i = 0; i < COLUMN_NAMES.length; i++)
      expect(Number(v.getBigUint64(80 + 16 * i, true)) % 8).toBe(0);
  });

  it('rejects a file that is not a gallery, with the reason', () => {
    expect(reason(new Uint8Array(0))).toMatch(/only 0 bytes/);
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
    ]);
    expect(reason(png)).toMatch(/bad magic/);
  });

  it('rejects another format version', () => {
    const b = bytes.slice();
    new DataView(b.buffer).setUint32(8, GALLERY_FORMAT_VERSION + 1, true);
    expect(reason(b)).toMatch(/version 2 is not supported/);
  });

  it('rejects a truncated file wherever it was cut', () => {
    for (const cut of [12, 100, 400, bytes.length - 1000, bytes.length - 1]) {
      expect(reason(bytes.subarray(0, cut))).toMatch(/truncated/);
    }
    const path = join(dir, 'cut.dgal');
    writeFileSync(path, bytes.subarray(0, bytes.length - 5));
    expect(() => loadGallery(path)).toThrow(/truncated gallery/);
  });

  it('rejects inconsistent counts and offsets', () => {
    const more = bytes.slice();
    new DataView(more.buffer).setUint32(16, 41, true);
    expect(reason(more)).toMatch(/corrupt gallery: section position holds 40 values, the header implies 41/);
    const misplaced = bytes.slice();
    new DataView(misplaced.buffer).setBigUint64(80, 3n, true);
    expect(reason(misplaced)).toMatch(/misplaced/);
    const params = bytes.slice();
    new DataView(params.buffer).setUint32(64, 100000, true);
    expect(reason(params)).toMatch(/parameters out of range/);
    const backwards = bytes.slice();
    const v = new DataView(backwards.buffer);
    const minutiaStart = Number(v.getBigUint64(80 + 16 * 5, true));
    v.setUint32(minutiaStart + 4 * 3, 0, true);
    expect(reason(backwards)).toMatch(/minutiaStart goes backwards/);
  });
});
