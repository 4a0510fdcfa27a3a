import { HttpError } from './http-error.ts';

/** Limits of a multipart enrolment: ten prints of at most 1 MiB and the application JSON. */
export const MULTIPART_LIMITS = {
  fileSize: 1024 * 1024,
  files: 10,
  fields: 1,
  fieldSize: 64 * 1024,
  parts: 11,
};

/** Part media types and the fingerprint format each carries. */
const FORMATS: Readonly<Record<string, 'png' | 'iso19794-2'>> = {
  'image/png': 'png',
  'application/octet-stream': 'iso19794-2',
};

interface Part {
  type?: 'field' | 'file';
  fieldname?: string;
  mimetype?: string;
  value?: unknown;
  _buf?: Buffer;
}

/**
 * The JSON body a multipart enrolment stands for: part `application` holds the JSON (with an
 * empty `fingerprints`), each part `finger-N` the bytes of finger N, typed by its media type. The
 * result goes through the same schema and the same checks as a JSON request.
 */
export function multipartToJson(fields: Record<string, Part | Part[]>): unknown {
  const app = fields.application;
  if (!app || Array.isArray(app) || app.type !== 'field' || app.value === undefined)
    throw new HttpError(
      400,
      'invalid-request',
      "multipart body must have one field 'application' holding the JSON",
    );
  let body: Record<string, unknown>;
  try {
    // @fastify/multipart already parses a field sent as application/json; a text field is parsed here.
    body = (typeof app.value === 'string' ? JSON.parse(app.value) : app.value) as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'malformed-json', "the 'application' part is not valid JSON");
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new HttpError(400, 'invalid-request', "the 'application' part must be a JSON object");
  if (Array.isArray(body.fingerprints) && body.fingerprints.length > 0)
    throw new HttpError(
      400,
      'invalid-request',
      "send prints either inside 'application' or as finger-N parts, not both",
    );
  const fingerprints: { position: number; format: string; data: string }[] = [];
  for (const [name, part] of Object.entries(fields)) {
    if (name === 'application') continue;
    const m = /^finger-(10|[1-9])$/.exec(name);
    if (!m || Array.isArray(part) || part.type !== 'file' || !part._buf)
      throw new HttpError(
        400,
        'unknown-field',
        `multipart part '${name.slice(0, 32)}' is not application or finger-1…finger-10`,
      );
    const format = FORMATS[String(part.mimetype)];
    if (!format)
      throw new HttpError(
        415,
        'unsupported-media-type',
        `part ${name} must be image/png or application/octet-stream`,
      );
    fingerprints.push({ position: Number(m[1]), format, data: part._buf.toString('base64') });
  }
  return { ...body, fingerprints };
}
