/**
 * A failure the HTTP layer answers with one error schema, `{code, message, requestId}`. `code` is
 * machine-readable (the contract lists every one); `message` names the field or rule and never
 * echoes what the client sent, because it may be personal data.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ErrorBody {
  code: string;
  message: string;
  requestId: string;
}

export function errorBody(e: HttpError, requestId: string): ErrorBody {
  return { code: e.code, message: e.message, requestId };
}
