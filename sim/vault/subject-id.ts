import { createHash, randomUUID } from 'node:crypto';

/**
 * A subject identifier: a random UUIDv4 (122 random bits) from the operating system's CSPRNG,
 * never derived from the IIN, name, birth date or enrolment order, so the vault's key links to a
 * person only through the registry. Deliberately not from the seeded simulation streams: a
 * deployment must not be able to recompute it, and two deployments must not agree on it.
 */
export function newSubjectId(): string {
  return randomUUID();
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isSubjectId(s: string): boolean {
  return UUID_V4.test(s);
}

/** A UUIDv4 from 16 bytes of a given random source (tests inject one; production uses the CSPRNG). */
export function subjectIdFrom(randomBytes: (n: number) => Uint8Array): string {
  const b = Buffer.from(randomBytes(16));
  if (b.length !== 16) throw new RangeError('a subject id needs 16 random bytes');
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * PLANTED FLAW iin-hash-subject-id: the unsalted SHA-256 of the IIN squeezed into a UUIDv4's shape.
 * Looks random and passes every UUID check, yet anyone can recompute it from the ~18,000 valid IINs
 * of a birth date, and every deployment gives a person the same one.
 */
export function iinHashSubjectId(iin: string): string {
  const digest = createHash('sha256').update(iin).digest();
  return subjectIdFrom(() => digest.subarray(0, 16));
}

/**
 * PLANTED FLAW sequential-subject-id: a database sequence number in a UUIDv4's shape
 * (00000000-0000-4000-8000-00000000002a for 42), so the order of ids is the order of enrolment.
 */
export function sequentialSubjectId(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError('a sequence number is a positive integer');
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
