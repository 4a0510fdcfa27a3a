/**
 * Request bodies a target must refuse with 4xx and nothing written: too large, cut off, nested
 * without end, not UTF-8, ambiguous. Each builder says what it breaks.
 */
export interface MalformedBody {
  id: string;
  description: string;
  contentType: string;
  bytes: Buffer;
}

/** Valid JSON of exactly `bytes` bytes: `base` with a padding string member grown to fit. */
export function jsonOfSize(base: Record<string, unknown>, bytes: number): Buffer {
  const empty = Buffer.byteLength(JSON.stringify({ ...base, padding: '' }));
  if (bytes < empty) throw new RangeError(`${bytes} bytes cannot hold the base body (${empty} bytes)`);
  return Buffer.from(JSON.stringify({ ...base, padding: 'x'.repeat(bytes - empty) }));
}

/** One byte over the target's stated body limit. */
export function oversizedBody(base: Record<string, unknown>, limitBytes: number): MalformedBody {
  return {
    id: 'oversized',
    description: `valid JSON of ${limitBytes + 1} bytes, one over the stated limit`,
    contentType: 'application/json',
    bytes: jsonOfSize(base, limitBytes + 1),
  };
}

export function malformedBodies(valid: Record<string, unknown>): MalformedBody[] {
  const text = JSON.stringify(valid);
  const json = 'application/json';
  return [
    {
      id: 'truncated',
      description: 'JSON cut in the middle',
      contentType: json,
      bytes: Buffer.from(text.slice(0, Math.floor(text.length / 2))),
    },
    {
      id: 'deeply-nested',
      description: '100,000 nested arrays',
      contentType: json,
      bytes: Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    },
    {
      id: 'invalid-utf8',
      description: 'a string member holding bytes that are not UTF-8',
      contentType: json,
      bytes: Buffer.concat([
        Buffer.from(text.slice(0, -1)),
        Buffer.from(',"note":"'),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from('"}'),
      ]),
    },
    {
      id: 'duplicate-keys',
      description: 'the same member twice with different values',
      contentType: json,
      bytes: Buffer.from(`${text.slice(0, -1)},${text.slice(1)}`),
    },
    {
      id: 'not-an-object',
      description: 'a JSON array where an object is expected',
      contentType: json,
      bytes: Buffer.from(`[${text}]`),
    },
    { id: 'empty', description: 'no body at all', contentType: json, bytes: Buffer.alloc(0) },
    {
      id: 'wrong-content-type',
      description: 'valid JSON sent as text/plain',
      contentType: 'text/plain',
      bytes: Buffer.from(text),
    },
    {
      id: 'bom',
      description: 'JSON behind a UTF-8 byte-order mark',
      contentType: json,
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    },
  ];
}

/** A request header value of `bytes` bytes (servers limit the whole header block, Node to 16 KiB). */
export function hugeHeaderValue(bytes = 64 * 1024): string {
  return 'a'.repeat(bytes);
}
