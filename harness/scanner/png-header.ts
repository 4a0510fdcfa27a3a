const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOR_NAMES: Record<number, string> = {
  0: 'grayscale',
  2: 'RGB colour',
  3: 'palette colour',
  4: 'grayscale+alpha',
  6: 'RGBA colour',
};

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  colorName: string;
  /** From pHYs when its unit is the metre; null when the file records no resolution. */
  ppi: number | null;
}

/**
 * The header facts a conformance lab checks before trusting a PNG: size, bit depth, colour type
 * and recorded resolution. Returns a one-line problem instead when the bytes are not a PNG.
 */
export function describePng(bytes: Uint8Array): PngHeader | string {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) return 'not a PNG file';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let header: PngHeader | null = null;
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    if (pos + 12 + length > bytes.length) return `truncated PNG: chunk ${type} runs past the end of the file`;
    const body = pos + 8;
    if (type === 'IHDR') {
      const colorType = bytes[body + 9];
      header = {
        width: view.getUint32(body),
        height: view.getUint32(body + 4),
        bitDepth: bytes[body + 8],
        colorType,
        colorName: COLOR_NAMES[colorType] ?? `colour type ${colorType}`,
        ppi: null,
      };
    } else if (type === 'pHYs' && header && length >= 9 && bytes[body + 8] === 1) {
      header.ppi = view.getUint32(body) * 0.0254;
    } else if (type === 'IEND') break;
    pos += 12 + length;
  }
  return header ?? 'malformed PNG: no IHDR chunk';
}
