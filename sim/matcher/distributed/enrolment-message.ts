import { createHash } from 'node:crypto';
import { type MsgHdrs, headers as natsHeaders } from '@nats-io/transport-node';
import { type FingerPosition, isFingerPosition } from '../../fingerprints/finger-position.ts';
import type { GalleryEntry } from '../identification/gallery.ts';
import { decodeIsoTemplate, encodeIsoTemplate } from '../iso19794-2.ts';

/** Header names of an enrolment message; the body is the ISO/IEC 19794-2:2005 record. */
export const SUBJECT_HEADER = 'Dactylo-Subject';
export const POSITION_HEADER = 'Dactylo-Position';

export interface EnrolmentMessage {
  headers: MsgHdrs;
  data: Uint8Array;
  /** JetStream de-duplication id: the same finger with the same template is logged once per window. */
  msgId: string;
  digest: string;
}

export function encodeEnrolment(entry: GalleryEntry): EnrolmentMessage {
  const data = encodeIsoTemplate(
    entry.position ? { ...entry.template, position: entry.position } : entry.template,
  );
  const digest = createHash('sha256').update(data).digest('hex').slice(0, 32);
  const h = natsHeaders();
  h.set(SUBJECT_HEADER, entry.subjectId);
  h.set(POSITION_HEADER, String(entry.position ?? 0));
  return { headers: h, data, msgId: `${entry.subjectId}/${entry.position ?? 0}/${digest}`, digest };
}

export interface DecodedEnrolment {
  entry: GalleryEntry;
  /** Identifies the finger: a later message with the same key replaces the template. */
  key: string;
  digest: string;
}

export function decodeEnrolment(headers: MsgHdrs | undefined, data: Uint8Array): DecodedEnrolment {
  const subjectId = headers?.get(SUBJECT_HEADER) ?? '';
  if (!subjectId) throw new Error(`enrolment message has no ${SUBJECT_HEADER} header`);
  const p = Number(headers?.get(POSITION_HEADER) ?? '0');
  const position: FingerPosition | undefined = isFingerPosition(p) ? p : undefined;
  const template = decodeIsoTemplate(data);
  const digest = createHash('sha256').update(data).digest('hex').slice(0, 32);
  const entry: GalleryEntry = { subjectId, template, ...(position ? { position } : {}) };
  return { entry, key: `${subjectId}/${position ?? 0}`, digest };
}
