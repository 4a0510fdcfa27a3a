import { decodeImage } from '../../../sim/image/decode-image.ts';
import { type ConformanceCheck, judged, notMeasured } from '../check.ts';
import { describePng } from '../png-header.ts';

const IDS = [
  'ronchi-x',
  'ronchi-y',
  'sine-x',
  'sine-y',
  'bars-x',
  'bars-y',
  'flat-white',
  'flat-black',
  'gray-steps',
];

/**
 * PNG conformance of what the device delivers: 8-bit grayscale, no alpha, a pHYs chunk equal to
 * the nominal resolution (within 1 %), decodable. Value: the number of non-conformant files.
 */
export const imageFormatPng: ConformanceCheck = {
  id: 'image-format-png',
  title: 'Image format: PNG, 8-bit grayscale, resolution recorded',
  rationale: 'A file without its resolution, or in colour or 16 bits, is re-interpreted by every reader.',
  applies: () => true,
  clause: () =>
    'ISO/IEC 19794-4 image requirements as profiled by issue #7: 8-bit grayscale PNG with the resolution recorded (pHYs)',
  run(ctx) {
    const limit = `every capture an 8-bit grayscale PNG with pHYs = ${ctx.ppi} ppi (±1 %)`;
    const files = [...IDS.map((id) => ({ id, capture: ctx.targetCapture(id) }))];
    const fingers = ctx.fingers();
    if (!('problem' in fingers))
      for (const [i, c] of fingers.entries()) files.push({ id: `finger ${i + 1}`, capture: c });
    const problems: string[] = [];
    let checked = 0;
    for (const f of files) {
      const png = f.capture?.png;
      if (!png) continue;
      checked++;
      const h = describePng(png);
      if (typeof h === 'string') problems.push(`${f.id}: ${h}`);
      else if (h.bitDepth !== 8 || h.colorType !== 0)
        problems.push(`${f.id}: ${h.bitDepth}-bit ${h.colorName} (needs 8-bit grayscale)`);
      else if (h.ppi === null) problems.push(`${f.id}: no pHYs resolution`);
      else if (Math.abs(h.ppi - ctx.ppi) > 0.01 * ctx.ppi)
        problems.push(`${f.id}: pHYs says ${h.ppi.toFixed(0)} ppi, device declares ${ctx.ppi}`);
      else {
        try {
          decodeImage(png);
        } catch (e) {
          problems.push(`${f.id}: ${(e as Error).message}`);
        }
      }
    }
    if (checked === 0)
      return notMeasured(
        ctx.target('flat-white').problem ?? 'the source delivered no PNG bytes',
        'files',
        limit,
      );
    return judged(problems.length === 0, problems.length, 'files', limit, problems.slice(0, 3).join('; '), {
      checked,
      problems,
    });
  },
};

/**
 * ISO/IEC 19794-4 finger image record: each live capture encoded and decoded through the codec
 * of sim/scanner must come back byte-identical in pixels and resolution. Value: failed round trips.
 */
export const imageFormatIso: ConformanceCheck = {
  id: 'image-format-iso19794-4',
  title: 'Image format: ISO/IEC 19794-4 finger image record',
  rationale: 'Enrolment stores and exchanges finger images as ISO/IEC 19794-4 records.',
  applies: () => true,
  clause: () =>
    'ISO/IEC 19794-4 finger image data record: encode/decode round trip of the delivered captures',
  run(ctx) {
    const limit = 'every capture survives an ISO/IEC 19794-4 encode/decode round trip unchanged';
    const roundTrip = ctx.iso19794RoundTrip;
    if (!roundTrip)
      return notMeasured('no ISO/IEC 19794-4 codec available for this source', 'records', limit);
    const fingers = ctx.fingers();
    const images = 'problem' in fingers ? [] : fingers.filter((c) => c.image).map((c) => c.image!);
    const t = ctx.target('flat-white');
    if (t.image) images.push(t.image);
    if (images.length === 0) return notMeasured(t.problem ?? 'no capture to encode', 'records', limit);
    const problems = images.map(roundTrip).filter((p): p is string => p !== null);
    return judged(problems.length === 0, problems.length, 'records', limit, problems.slice(0, 3).join('; '), {
      records: images.length,
    });
  },
};
