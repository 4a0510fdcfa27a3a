import type { SqlClient } from '../storage/sql-client.ts';

export interface ResidentRow {
  iin: string;
  surname: string;
  givenName: string;
  patronymic: string | null;
  birthDate: string;
  sex: 'M' | 'F';
  citizenship: string | null;
  status: string;
  deceasedOn: string | null;
}

export interface DocumentRow {
  number: string;
  iin: string;
  kind: string;
  issueDate: string;
  expiryDate: string;
  status: 'valid' | 'lost' | 'stolen' | 'replaced' | 'invalidated';
  statusDate: string | null;
}

export interface SubjectLink {
  iin: string;
  subjectId: string;
  generation: number;
  quality: 'good' | 'poor';
  fingers: number[];
}

export interface ApplicationRow {
  id: string;
  iin: string;
  documentKind: string;
  trigger: string;
  channel: 'psc' | 'consulate';
  office: string;
  applicationDate: string;
  status: string;
  decidedBy: string | null;
  rules: string[];
  missingFingers: unknown;
  actorId: string;
}

/** Dates are selected as text (::text), so no driver turns them into time-zone-shifted Date objects. */
export function isoDate(v: unknown): string {
  return String(v).slice(0, 10);
}

const RESIDENT_COLUMNS =
  'iin, surname, given_name, patronymic, birth_date::text, sex, citizenship, status, deceased_on::text';
const DOCUMENT_COLUMNS = 'number, iin, kind, issue_date::text, expiry_date::text, status, status_date::text';
const APPLICATION_COLUMNS = `id, iin, document_kind, trigger, channel, office, application_date::text, status,
  decided_by, rules, missing_fingers, actor_id`;

type Row = Record<string, unknown>;

function residentOf(r: Row): ResidentRow {
  return {
    iin: r.iin as string,
    surname: r.surname as string,
    givenName: r.given_name as string,
    patronymic: (r.patronymic as string | null) ?? null,
    birthDate: isoDate(r.birth_date),
    sex: r.sex as 'M' | 'F',
    citizenship: (r.citizenship as string | null) ?? null,
    status: r.status as string,
    deceasedOn: r.deceased_on ? isoDate(r.deceased_on) : null,
  };
}

function documentOf(r: Row): DocumentRow {
  return {
    number: r.number as string,
    iin: r.iin as string,
    kind: r.kind as string,
    issueDate: isoDate(r.issue_date),
    expiryDate: isoDate(r.expiry_date),
    status: r.status as DocumentRow['status'],
    statusDate: r.status_date ? isoDate(r.status_date) : null,
  };
}

/**
 * The registry's statements, all parameterised, run on the registry's client (role
 * dactylo_registry) or inside one of its transactions.
 */
export const registry = {
  async upsertResident(tx: SqlClient, r: ResidentRow, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO registry.residents (iin, surname, given_name, patronymic, birth_date, sex, citizenship, status, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (iin) DO UPDATE SET surname = EXCLUDED.surname, given_name = EXCLUDED.given_name,
         patronymic = EXCLUDED.patronymic, citizenship = EXCLUDED.citizenship, status = EXCLUDED.status,
         updated_at = EXCLUDED.updated_at`,
      [r.iin, r.surname, r.givenName, r.patronymic, r.birthDate, r.sex, r.citizenship, r.status, now],
    );
  },

  async resident(db: SqlClient, iin: string): Promise<ResidentRow | null> {
    const [r] = await db.query(`SELECT ${RESIDENT_COLUMNS} FROM registry.residents WHERE iin = $1`, [iin]);
    return r ? residentOf(r) : null;
  },

  async markDeceased(tx: SqlClient, iin: string, date: string): Promise<boolean> {
    const rows = await tx.query(
      'UPDATE registry.residents SET deceased_on = $2 WHERE iin = $1 RETURNING iin',
      [iin, date],
    );
    return rows.length > 0;
  },

  /** A death recorded: every valid document of the person becomes invalidated on that date. */
  async invalidateDocuments(tx: SqlClient, iin: string, date: string): Promise<number> {
    const rows = await tx.query(
      `UPDATE registry.documents SET status = 'invalidated', status_date = $2
       WHERE iin = $1 AND status = 'valid' RETURNING number`,
      [iin, date],
    );
    return rows.length;
  },

  async documents(db: SqlClient, iin: string): Promise<DocumentRow[]> {
    const rows = await db.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM registry.documents WHERE iin = $1 ORDER BY issue_date, created_at, number`,
      [iin],
    );
    return rows.map(documentOf);
  },

  async document(db: SqlClient, number: string): Promise<DocumentRow | null> {
    const [r] = await db.query(`SELECT ${DOCUMENT_COLUMNS} FROM registry.documents WHERE number = $1`, [
      number,
    ]);
    return r ? documentOf(r) : null;
  },

  async insertDocument(tx: SqlClient, d: DocumentRow, applicationId: string): Promise<void> {
    await tx.query(
      `UPDATE registry.documents SET status = 'replaced', status_date = $3
       WHERE iin = $1 AND kind = $2 AND status = 'valid'`,
      [d.iin, d.kind, d.issueDate],
    );
    await tx.query(
      `INSERT INTO registry.documents (number, iin, kind, issue_date, expiry_date, status, application_id)
       VALUES ($1, $2, $3, $4, $5, 'valid', $6)`,
      [d.number, d.iin, d.kind, d.issueDate, d.expiryDate, applicationId],
    );
  },

  async setDocumentStatus(
    tx: SqlClient,
    number: string,
    status: DocumentRow['status'],
    date: string,
  ): Promise<void> {
    await tx.query('UPDATE registry.documents SET status = $2, status_date = $3 WHERE number = $1', [
      number,
      status,
      date,
    ]);
  },

  /** Inserts, or (resuming an interrupted attempt under the same idempotency key) updates. */
  async putApplication(tx: SqlClient, a: ApplicationRow, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO registry.applications (id, iin, document_kind, trigger, channel, office, application_date, status,
         decided_by, rules, missing_fingers, actor_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, decided_by = EXCLUDED.decided_by,
         rules = EXCLUDED.rules, missing_fingers = EXCLUDED.missing_fingers, actor_id = EXCLUDED.actor_id`,
      [
        a.id,
        a.iin,
        a.documentKind,
        a.trigger,
        a.channel,
        a.office,
        a.applicationDate,
        a.status,
        a.decidedBy,
        a.rules,
        JSON.stringify(a.missingFingers),
        a.actorId,
        now,
      ],
    );
  },

  /** The application's status, its row locked until the transaction ends (the commit point's guard). */
  async lockApplication(tx: SqlClient, id: string): Promise<string | null> {
    const [r] = await tx.query<{ status: string }>(
      'SELECT status FROM registry.applications WHERE id = $1 FOR UPDATE',
      [id],
    );
    return r ? r.status : null;
  },

  async setApplicationStatus(tx: SqlClient, id: string, status: string): Promise<void> {
    await tx.query('UPDATE registry.applications SET status = $2 WHERE id = $1', [id, status]);
  },

  async applications(db: SqlClient, iin: string): Promise<ApplicationRow[]> {
    const rows = await db.query(
      `SELECT ${APPLICATION_COLUMNS} FROM registry.applications WHERE iin = $1 ORDER BY created_at`,
      [iin],
    );
    return rows.map((r) => ({
      id: r.id as string,
      iin: r.iin as string,
      documentKind: r.document_kind as string,
      trigger: r.trigger as string,
      channel: r.channel as 'psc' | 'consulate',
      office: r.office as string,
      applicationDate: isoDate(r.application_date),
      status: r.status as string,
      decidedBy: (r.decided_by as string | null) ?? null,
      rules: (r.rules as string[]) ?? [],
      missingFingers: r.missing_fingers,
      actorId: r.actor_id as string,
    }));
  },

  async insertRefusal(
    tx: SqlClient,
    r: { id: string; applicationId: string; iin: string; date: string; office: string },
  ): Promise<void> {
    await tx.query(
      'INSERT INTO registry.refusals (id, application_id, iin, refused_on, office) VALUES ($1, $2, $3, $4, $5)',
      [r.id, r.applicationId, r.iin, r.date, r.office],
    );
  },

  async insertCase(
    tx: SqlClient,
    c: { id: string; applicationId: string; iin: string; matchedSubjectId: string; matchedFingers: number },
    now: Date,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO registry.cases (id, kind, application_id, applicant_iin, matched_subject_id, matched_fingers, opened_at)
       VALUES ($1, 'suspected-double-registration', $2, $3, $4, $5, $6)`,
      [c.id, c.applicationId, c.iin, c.matchedSubjectId, c.matchedFingers, now],
    );
  },

  async link(db: SqlClient, iin: string): Promise<SubjectLink | null> {
    const [r] = await db.query('SELECT * FROM registry.subject_links WHERE iin = $1', [iin]);
    return r ? linkOf(r) : null;
  },

  async linkBySubject(db: SqlClient, subjectId: string): Promise<SubjectLink | null> {
    const [r] = await db.query('SELECT * FROM registry.subject_links WHERE subject_id = $1', [subjectId]);
    return r ? linkOf(r) : null;
  },

  async links(db: SqlClient): Promise<SubjectLink[]> {
    return (await db.query('SELECT * FROM registry.subject_links')).map(linkOf);
  },

  /** The commit point of a two-phase enrolment: the link now names the new generation. */
  async commitLink(tx: SqlClient, l: SubjectLink, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO registry.subject_links (iin, subject_id, generation, quality, fingers, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (iin) DO UPDATE SET generation = EXCLUDED.generation, quality = EXCLUDED.quality,
         fingers = EXCLUDED.fingers, updated_at = EXCLUDED.updated_at
       WHERE registry.subject_links.subject_id = EXCLUDED.subject_id`,
      [l.iin, l.subjectId, l.generation, l.quality, l.fingers, now],
    );
  },

  async insertIntent(
    tx: SqlClient,
    i: { applicationId: string; subjectId: string; generation: number },
    now: Date,
  ): Promise<void> {
    await tx.query(
      'INSERT INTO registry.vault_intents (application_id, subject_id, generation, created_at) VALUES ($1, $2, $3, $4)',
      [i.applicationId, i.subjectId, i.generation, now],
    );
  },

  async deleteIntent(tx: SqlClient, applicationId: string): Promise<void> {
    await tx.query('DELETE FROM registry.vault_intents WHERE application_id = $1', [applicationId]);
  },

  async intent(
    db: SqlClient,
    applicationId: string,
  ): Promise<{ applicationId: string; subjectId: string; generation: number } | null> {
    const [r] = await db.query<{ subject_id: string; generation: number }>(
      'SELECT subject_id, generation FROM registry.vault_intents WHERE application_id = $1',
      [applicationId],
    );
    return r ? { applicationId, subjectId: r.subject_id, generation: Number(r.generation) } : null;
  },

  async intents(db: SqlClient): Promise<{ applicationId: string; subjectId: string; generation: number }[]> {
    const rows = await db.query<{ application_id: string; subject_id: string; generation: number }>(
      'SELECT application_id, subject_id, generation FROM registry.vault_intents',
    );
    return rows.map((r) => ({
      applicationId: r.application_id,
      subjectId: r.subject_id,
      generation: r.generation,
    }));
  },

  async enqueue(
    tx: SqlClient,
    id: string,
    topic: string,
    payload: Record<string, unknown>,
    now: Date,
  ): Promise<void> {
    await tx.query('INSERT INTO registry.outbox (id, topic, payload, created_at) VALUES ($1, $2, $3, $4)', [
      id,
      topic,
      JSON.stringify(payload),
      now,
    ]);
  },

  async unsent(db: SqlClient): Promise<{ id: string; topic: string; payload: Record<string, unknown> }[]> {
    const rows = await db.query<{ id: string; topic: string; payload: Record<string, unknown> }>(
      'SELECT id, topic, payload FROM registry.outbox WHERE sent_at IS NULL ORDER BY created_at, id',
    );
    return rows;
  },

  async markSent(db: SqlClient, id: string, now: Date): Promise<void> {
    await db.query('UPDATE registry.outbox SET sent_at = $2 WHERE id = $1', [id, now]);
  },
};

function linkOf(r: Row): SubjectLink {
  return {
    iin: r.iin as string,
    subjectId: r.subject_id as string,
    generation: Number(r.generation),
    quality: r.quality as 'good' | 'poor',
    fingers: (r.fingers as number[]).map(Number),
  };
}

/** Applications a crash left half-done: pending without a committed outcome. */
/** Marks every pending application interrupted in one statement (an application decided meanwhile keeps its status). */
export async function interruptPendingApplications(db: SqlClient): Promise<number> {
  const rows = await db.query(
    "UPDATE registry.applications SET status = 'interrupted' WHERE status = 'pending' RETURNING id",
  );
  return rows.length;
}
