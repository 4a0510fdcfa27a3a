/**
 * What the evaluation needs from a matcher, whichever it is: turn an image file into a template (opaque
 * bytes), and compare two templates into a score where higher means more alike. dactylo's own matcher
 * and any external one (`cmd:"…"`, see command-matcher.ts) are measured by the same code.
 */
export interface ExtractionResult {
  /** The template, or null when the matcher refused to enrol the image (counts towards FTE). */
  template: Uint8Array | null;
  /** Why enrolment failed. */
  reason?: string;
  /** Wall time of this extraction, ms. */
  ms: number;
}

export interface MatcherAdapter {
  /** Recorded in the report: "dactylo 0.1.0 (MCC bit, LSS-R)" or the external command. */
  readonly name: string;
  /** Extracts every image; results in input order whatever the parallelism. */
  extractAll(
    paths: readonly string[],
    onDone: (index: number, result: ExtractionResult) => void,
  ): Promise<ExtractionResult[]>;
  /**
   * Score of template `b` (query) against `a` (enrolled); ia and ib identify the templates (their
   * image index) so that an adapter may cache prepared forms. null when the comparison failed.
   */
  compare(a: Uint8Array, b: Uint8Array, ia: number, ib: number): Promise<number | null>;
  /**
   * Optional: turn every template into the matcher's comparison form ahead of the comparisons (index =
   * image index), so that the comparison time measured is the comparison's alone.
   */
  prepareAll?(templates: readonly (Uint8Array | null)[]): Promise<void>;
  close(): Promise<void>;
}

export interface MatcherOptions {
  /** Resolution to assume for every image, overriding what the files say. */
  ppi?: number;
  /** Parallel extractions (worker threads or processes). */
  workers: number;
}

/** The spellings --matcher accepts: `dactylo`, or `cmd:` followed by a shell command. */
export function parseMatcherSpec(spec: string): { kind: 'dactylo' } | { kind: 'cmd'; command: string } {
  if (spec === 'dactylo') return { kind: 'dactylo' };
  if (spec.startsWith('cmd:')) {
    const command = spec
      .slice(4)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (command.length === 0) throw new Error('--matcher cmd: needs a command after "cmd:"');
    return { kind: 'cmd', command };
  }
  throw new Error(`--matcher must be 'dactylo' or 'cmd:"COMMAND"', got '${spec}'`);
}
