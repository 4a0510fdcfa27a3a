import { randomUUID } from 'node:crypto';

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
