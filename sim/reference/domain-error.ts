/**
 * Machine-readable failure codes of the reference system. The HTTP layer maps each to a status
 * (see DOMAIN_ERROR_STATUS); messages name the problem but never carry PII (no IIN, name, date of
 * birth or document number), because they travel to logs and clients.
 */
export type DomainErrorCode =
  | 'invalid-request'
  | 'invalid-iin'
  | 'malformed-fingerprint'
  | 'no-fingerprints'
  | 'idempotency-conflict'
  | 'forbidden'
  | 'unknown-resident'
  | 'unknown-document'
  | 'unknown-subject'
  | 'not-enrolled'
  | 'iin-not-confirmed'
  | 'document-state'
  | 'external-service-unavailable';

/** Suggested HTTP status per code, for the server. */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  'invalid-request': 400,
  'invalid-iin': 400,
  'malformed-fingerprint': 400,
  'no-fingerprints': 400,
  'idempotency-conflict': 409,
  forbidden: 403,
  'unknown-resident': 404,
  'unknown-document': 404,
  'unknown-subject': 404,
  'not-enrolled': 409,
  'iin-not-confirmed': 422,
  'document-state': 409,
  'external-service-unavailable': 503,
};

export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
