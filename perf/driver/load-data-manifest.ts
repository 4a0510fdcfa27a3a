/**
 * The files `dactylo load data` writes, as the driver and the k6 scripts read them. Pure types: the
 * k6 scripts import this module too.
 */

/** One request of an operation: path (when it carries a query), JSON body, idempotency key. */
export interface RequestRecord {
  path?: string;
  body?: unknown;
  idempotencyKey?: string;
  /**
   * The target issues document numbers at enrolment: body.documentNumber is replaced by the number
   * issued to this setup enrolment (its index in the setup file) when the setup phase learned it.
   */
  documentFromSetup?: number;
}

export interface PreparedOperation {
  method: string;
  path: string;
  /** Role whose token the request carries; null for a public operation. */
  role: string | null;
  /** NDJSON file (relative to the data directory) with one RequestRecord per line. */
  file: string;
  count: number;
}

export interface LoadDataManifest {
  kind: 'dactylo-load-data';
  version: string;
  seed: string;
  profile: string;
  contract: { title: string; version: string };
  applicationDate: string;
  operations: Record<string, PreparedOperation>;
  /** Enrolments sent before the timed run, or null when the mix needs nobody enrolled. */
  setup: PreparedOperation | null;
}
