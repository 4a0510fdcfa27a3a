import type { CanaryHit, CanaryScanner } from './canary-scanner.ts';

/** A text a target emits: a log file, a metrics page, an error body, response headers. */
export interface TextSource {
  name: string;
  content: string | Uint8Array;
}

/** Response headers as the text a scan reads: one "name: value" line each. */
export function headersText(headers: Record<string, string | string[] | undefined>): string {
  return Object.entries(headers)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => `${k}: ${x}`))
    .join('\n');
}

/** Searches each source, line by line, so that a hit names the line a person must look at. */
export function inspectTexts(sources: readonly TextSource[], scanner: CanaryScanner): CanaryHit[] {
  const hits: CanaryHit[] = [];
  for (const s of sources) {
    const bytes = typeof s.content === 'string' ? Buffer.from(s.content, 'utf8') : Buffer.from(s.content);
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        if (i > start) hits.push(...scanner.scan(bytes.subarray(start, i), `${s.name}:${line}`));
        line++;
        start = i + 1;
      }
    }
  }
  return hits;
}
