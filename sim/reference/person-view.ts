import type { DocumentRow, ResidentRow } from '../registry/registry-store.ts';
import type { DocumentStatus, IssuedDocument, PersonView, Role } from './types.ts';

/** A document's status on `today`: a valid one past its expiry date reads as expired (valid on the day itself). */
export function documentStatusOn(d: DocumentRow, today: string): DocumentStatus {
  if (d.status === 'valid' && d.expiryDate < today) return 'expired';
  return d.status;
}

export function documentView(d: DocumentRow, today: string): IssuedDocument {
  return {
    kind: d.kind as IssuedDocument['kind'],
    number: d.number,
    issueDate: d.issueDate,
    expiryDate: d.expiryDate,
    status: documentStatusOn(d, today),
  };
}

/**
 * What each role sees of a person: the identification officer (who resolved a subject) the
 * subject id and everything; offices what an application needs; the border officer the identity
 * and documents only.
 */
export function personView(
  role: Role,
  r: ResidentRow,
  documents: DocumentRow[],
  subjectId: string | null,
  today: string,
): PersonView {
  const docs = documents.map((d) => documentView(d, today));
  const base: PersonView = {
    iin: r.iin,
    surname: r.surname,
    givenName: r.givenName,
    patronymic: r.patronymic,
    documents: docs,
  };
  if (role === 'border-officer') return { ...base, citizenship: r.citizenship };
  const full: PersonView = {
    ...base,
    birthDate: r.birthDate,
    sex: r.sex,
    citizenship: r.citizenship,
    status: r.status as PersonView['status'],
    deceased: r.deceasedOn !== null,
  };
  return role === 'identification-officer' && subjectId ? { subjectId, ...full } : full;
}
