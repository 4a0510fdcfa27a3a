import { AhoCorasick } from './aho-corasick.ts';
import type { Canary, CanaryField, Needle } from './canary.ts';
import { canaryNeedles } from './canary.ts';

/** One canary found somewhere: which canary, which field, in which encoding, where. */
export interface CanaryHit {
  canary: number;
  field: CanaryField;
  /** The needle's encoding; `base64>plain` when found inside an embedded base64 run, and so on. */
  encoding: string;
  location: string;
  offset: number;
}

// One level of decoding: a run decoded is searched for every needle (hex inside base64 included).
const BASE64_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const HEX_RUN = /(?:[0-9a-fA-F]{2}){8,}/g;
// A token holding percent escapes (a URL or form value), decoded alone so that the plain text around it is not found twice.
const PERCENT_TOKEN = /[^\s%"'<>]*(?:%[0-9a-fA-F]{2}[^\s%"'<>]*)+/g;

function isMostlyText(bytes: Uint8Array): boolean {
  let printable = 0;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++)
    if (bytes[i] >= 0x20 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13) printable++;
  return n > 0 && printable / n > 0.9;
}

/**
 * Searches bytes for every needle of a set of canaries: directly, and inside embedded base64, hex
 * and percent-encoded runs (a JSON document base64-encoded into a column hides its IIN from a
 * direct search at two out of three alignments).
 */
export class CanaryScanner {
  readonly needles: Needle[];
  private readonly all: AhoCorasick<Needle>;

  constructor(canaries: readonly Canary[]) {
    this.needles = canaries.flatMap((c, i) => canaryNeedles(c, i));
    this.all = new AhoCorasick(this.needles.map((n) => ({ bytes: n.bytes, value: n })));
  }

  scan(haystack: Uint8Array, location: string): CanaryHit[] {
    const hits: CanaryHit[] = this.all.search(haystack).map(({ value, offset }) => ({
      canary: value.canary,
      field: value.field,
      encoding: value.encoding,
      location,
      offset,
    }));
    if (isMostlyText(haystack)) {
      // A field found directly is not reported again from a decoded run around it.
      const direct = new Set(hits.map((h) => `${h.canary}|${h.field}`));
      const inner = this.embedded(Buffer.from(haystack).toString('latin1'), location);
      hits.push(...inner.filter((h) => !direct.has(`${h.canary}|${h.field}`)));
    }
    return dedupe(hits);
  }

  scanText(text: string, location: string): CanaryHit[] {
    return this.scan(Buffer.from(text, 'utf8'), location);
  }

  private embedded(text: string, location: string): CanaryHit[] {
    const hits: CanaryHit[] = [];
    const decodeAndSearch = (label: string, offset: number, bytes: Buffer) => {
      for (const { value } of this.all.search(bytes))
        hits.push({
          canary: value.canary,
          field: value.field,
          encoding: `${label}>${value.encoding}`,
          location,
          offset,
        });
    };
    for (const m of text.matchAll(BASE64_RUN)) {
      const run = m[0];
      const bytes = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      if (bytes.length >= 8) decodeAndSearch('base64', m.index, bytes);
    }
    for (const m of text.matchAll(HEX_RUN)) decodeAndSearch('hex', m.index, Buffer.from(m[0], 'hex'));
    for (const m of text.matchAll(PERCENT_TOKEN)) {
      const decoded = m[0]
        .replace(/\+/g, ' ')
        .replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
      decodeAndSearch('percent', m.index, Buffer.from(decoded, 'latin1'));
    }
    return hits;
  }
}

function dedupe(hits: CanaryHit[]): CanaryHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.canary}|${h.field}|${h.encoding}|${h.location}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
