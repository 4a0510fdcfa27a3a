import type { LogEvent } from '../reference/types.ts';

/** Field names that carry personal data or secrets; their values never reach a log line. */
export const REDACTED_FIELDS: ReadonlySet<string> = new Set([
  'iin',
  'surname',
  'givenname',
  'patronymic',
  'birthdate',
  'name',
  'fullname',
  'documentnumber',
  'number',
  'phone',
  'notifyphone',
  'authorization',
  'cookie',
  'data',
  'fingerprints',
  'body',
  'applicant',
]);

/**
 * Runs of 9 to 12 characters that look like an IIN or a document number, and ISO dates: scrubbed
 * from every string value as a second line of defence, in case one slips into a message. (UUIDs
 * and request ids have hyphens every 4-12 characters and survive.)
 */
const PII_PATTERNS: readonly RegExp[] = [
  /(?<![0-9A-Za-z-])[0-9A-Z]?[0-9]{8,12}(?![0-9A-Za-z])/g,
  /\b\d{4}-\d{2}-\d{2}\b/g,
];

export type LogSink = (line: string) => void;

export interface RedactingLogger {
  (e: LogEvent): void;
  /** Lines written so far are not kept; this counts them (for tests and metrics). */
  readonly written: () => number;
}

/**
 * A JSON-lines logger that never receives personal data in usable form: known PII fields are
 * replaced by "[redacted]", nested objects are not logged at all, and string values are scrubbed
 * of IIN-, document-number- and date-shaped runs.
 */
export function redactingLogger(sink: LogSink, clock: () => Date = () => new Date()): RedactingLogger {
  let n = 0;
  const log = ((e: LogEvent) => {
    const out: Record<string, string | number | boolean | null> = { time: clock().toISOString() };
    for (const [k, v] of Object.entries(e)) {
      if (v === undefined) continue;
      out[k] = redactValue(k, v);
    }
    sink(JSON.stringify(out));
    n++;
  }) as RedactingLogger;
  Object.defineProperty(log, 'written', { value: () => n });
  return log;
}

function redactValue(key: string, v: unknown): string | number | boolean | null {
  if (REDACTED_FIELDS.has(key.toLowerCase())) return '[redacted]';
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return scrub(v);
  return '[object]';
}

export function scrub(s: string): string {
  let out = s;
  for (const p of PII_PATTERNS) out = out.replace(p, '[redacted]');
  return out.length > 500 ? `${out.slice(0, 500)}…` : out;
}
