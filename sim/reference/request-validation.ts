import { isFingerPosition } from '../fingerprints/finger-position.ts';
import { validateIin } from '../population/iin.ts';
import { DomainError } from './domain-error.ts';
import type { EnrolRequest } from './types.ts';

const DOCUMENT_KINDS = ['id-card', 'passport', 'residence-permit', 'stateless-certificate'];
const TRIGGERS = ['first-issue', 'expiry', 'name-change', 'loss', 'theft'];
const STATUSES = ['citizen', 'permanent-resident', 'stateless', 'temporary-resident'];
const MISSING_REASONS = ['amputation', 'bandage', 'scar', 'no-pattern'];
const OFFICE = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;
const COUNTRY = /^[A-Z]{3}$/;
// Letters (any script), spaces, hyphens, apostrophes and dots; anything else is data, but not a name.
const NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .-]{0,99}$/u;

const bad = (message: string) => new DomainError('invalid-request', message);

export function checkDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw bad(`${field} must be YYYY-MM-DD`);
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw bad(`${field} is not a calendar date`);
  return value;
}

/** Checks an IIN; the error says what is wrong with it but never repeats it or the date it encodes. */
export function checkIin(value: unknown): string {
  const v = validateIin(value as string);
  if (!v.valid) throw new DomainError('invalid-iin', `IIN is invalid (${v.reason})`);
  return value as string;
}

export function checkText(value: unknown, field: string, pattern: RegExp): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw bad(`${field} is missing or malformed`);
  return value;
}

function oneOf(value: unknown, allowed: readonly string[], field: string): void {
  if (typeof value !== 'string' || !allowed.includes(value))
    throw bad(`${field} must be one of ${allowed.join(', ')}`);
}

function optionalBoolean(value: unknown, field: string): void {
  if (value !== undefined && typeof value !== 'boolean') throw bad(`${field} must be true or false`);
}

/**
 * Everything about an enrolment request that can be checked without the database: an invalid one
 * is refused before anything is read or written. Names may hold any script but no digits or
 * markup; a name with SQL in it is refused here and would be harmless data anyway (every
 * statement is parameterised).
 */
export function validateEnrolRequest(r: EnrolRequest): void {
  if (!r || typeof r !== 'object') throw bad('request must be an object');
  const a = r.applicant;
  if (!a || typeof a !== 'object') throw bad('applicant is missing');
  const iin = validateIin(a.iin);
  checkIin(a.iin);
  checkText(a.surname, 'applicant.surname', NAME);
  checkText(a.givenName, 'applicant.givenName', NAME);
  if (a.patronymic != null) checkText(a.patronymic, 'applicant.patronymic', NAME);
  checkDate(a.birthDate, 'applicant.birthDate');
  oneOf(a.sex, ['M', 'F'], 'applicant.sex');
  if (iin.valid && (iin.birthDate !== a.birthDate || iin.sex !== a.sex))
    throw new DomainError('invalid-iin', 'IIN does not agree with the birth date and sex given');
  if (a.citizenship !== null) checkText(a.citizenship, 'applicant.citizenship', COUNTRY);
  oneOf(a.status, STATUSES, 'applicant.status');
  oneOf(r.document, DOCUMENT_KINDS, 'document');
  oneOf(r.trigger, TRIGGERS, 'trigger');
  if (!r.channel || typeof r.channel !== 'object') throw bad('channel is missing');
  oneOf(r.channel.kind, ['psc', 'consulate'], 'channel.kind');
  checkText(r.channel.office, 'channel.office', OFFICE);
  checkDate(r.applicationDate, 'applicationDate');
  if (r.applicationDate < a.birthDate) throw bad('applicationDate is before the birth date');
  optionalBoolean(r.guardianConsent, 'guardianConsent');
  optionalBoolean(r.refuses, 'refuses');
  optionalBoolean(r.handInjury, 'handInjury');
  if (r.sensorProfile !== undefined) checkText(r.sensorProfile, 'sensorProfile', /^[a-z0-9][a-z0-9-]{0,47}$/);
  if (!Array.isArray(r.fingerprints)) throw bad('fingerprints must be a list');
  if (!Array.isArray(r.missingFingers)) throw bad('missingFingers must be a list');
  const missing = new Set<number>();
  for (const m of r.missingFingers) {
    if (!m || !isFingerPosition(m.position)) throw bad('missingFingers: position must be 1–10');
    oneOf(m.reason, MISSING_REASONS, 'missingFingers.reason');
    if (missing.has(m.position)) throw bad(`missingFingers: finger ${m.position} listed twice`);
    missing.add(m.position);
  }
  for (const f of r.fingerprints)
    if (f && missing.has(f.position)) throw bad(`finger ${f.position} is both captured and declared missing`);
}
