import type { FingerPosition } from '../fingerprints/finger-position.ts';
import { renderImpression } from '../fingerprints/impression/impression.ts';
import { generateMaster } from '../fingerprints/master/master.ts';
import { DEFAULT_SENSOR, sensorProfile } from '../fingerprints/sensor-profile.ts';
import { templateOnlyImpression, templateOnlyMaster } from '../fingerprints/template-only.ts';
import { encodeGrayPng } from '../image/png-encode.ts';
import { encodeIsoTemplate } from '../matcher/iso19794-2.ts';
import { PRIMARY_DOCUMENT, type Resident } from '../population/index.ts';
import type { ApplicantData, EnrolRequest, FingerprintInput, MissingFinger } from './types.ts';

/** The applicant data a PSC would record for a synthetic resident. */
export function applicantOf(r: Resident): ApplicantData {
  return {
    iin: r.iin,
    surname: r.surname,
    givenName: r.givenName,
    patronymic: r.patronymic,
    birthDate: r.birthDate,
    sex: r.sex,
    citizenship: r.citizenship,
    status: r.status === 'foreign-permanent-resident' ? 'permanent-resident' : r.status,
  };
}

export function missingFingersOf(r: Resident): MissingFinger[] {
  return r.fingers.unavailable.map((u) => ({
    position: u.position,
    reason: u.reason === 'no-papillary-pattern' ? 'no-pattern' : u.reason,
  }));
}

/**
 * ISO/IEC 19794-2 records of one impression of a subject's fingers, from the template-only
 * synthesis (no images: fast enough to enrol hundreds of people in a test). `subject` names the
 * finger masters; the same subject and a different `impression` is the same person captured again.
 */
export function syntheticPrints(
  seed: string,
  subject: number,
  impression: number,
  positions: readonly FingerPosition[],
): FingerprintInput[] {
  return positions.map((position) => ({
    position,
    format: 'iso19794-2',
    data: encodeIsoTemplate(templateOnlyImpression(templateOnlyMaster(seed, subject, position), impression)),
  }));
}

/**
 * Rendered 500-ppi 8-bit PNG impressions of a subject's fingers (full synthesis: master, then a
 * sensor impression), for the probes that must go through image extraction. Impressions count
 * from 1; each is a separate touch of the same finger. About a second per finger.
 */
export function renderedPrints(
  seed: string,
  subject: number,
  impression: number,
  positions: readonly FingerPosition[],
): FingerprintInput[] {
  const sensor = sensorProfile(DEFAULT_SENSOR);
  return positions.map((position) => ({
    position,
    format: 'png',
    data: encodeGrayPng(renderImpression(generateMaster(seed, subject, position), impression, sensor).image),
  }));
}

export interface SyntheticApplication {
  seed: string;
  applicationDate: string;
  /** Whose fingers these are (default: the resident's own index); another index fakes a double registration. */
  fingersOf?: number;
  impression?: number;
  trigger?: EnrolRequest['trigger'];
  channel?: EnrolRequest['channel'];
  document?: EnrolRequest['document'];
}

/** A complete enrolment request for a synthetic resident, with their available fingers captured. */
export function syntheticEnrolRequest(r: Resident, o: SyntheticApplication): EnrolRequest {
  const missingFingers = missingFingersOf(r);
  return {
    applicant: applicantOf(r),
    document: o.document ?? PRIMARY_DOCUMENT[r.status],
    trigger: o.trigger ?? 'first-issue',
    channel: o.channel ?? { kind: 'psc', office: 'PSC-ALM-01' },
    applicationDate: o.applicationDate,
    guardianConsent: true,
    fingerprints: syntheticPrints(o.seed, o.fingersOf ?? r.index, o.impression ?? 0, r.fingers.available),
    missingFingers,
    sensorProfile: 'optical-fvc2002',
  };
}
