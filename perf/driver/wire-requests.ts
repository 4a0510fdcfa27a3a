import { readFileSync } from 'node:fs';
import type { WireRequest } from './http-client.ts';
import type { LoadData, PreparedOperation, RequestRecord } from './load-data.ts';
import type { LoadPlan } from './load-plan.ts';

/** Bearer tokens by role, as `dactylo serve --token-file FILE` writes them ({"tokens": {role: jwt}}). */
export function readTokens(path: string): Record<string, string> {
  let doc: { tokens?: Record<string, unknown> };
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`--tokens ${path}: ${code ? `cannot read (${code})` : 'not JSON'}`);
  }
  const tokens = doc.tokens;
  if (!tokens || typeof tokens !== 'object' || Object.values(tokens).some((t) => typeof t !== 'string'))
    throw new Error(
      `--tokens ${path}: expected {"tokens": {"<role>": "<jwt>", …}} as 'dactylo serve --token-file' writes`,
    );
  return tokens as Record<string, string>;
}

/** Document numbers the target issued to the setup enrolments, by setup index (null: none issued). */
export type IssuedDocuments = (string | null)[];

/** A record's body with the document number the target issued in setup, when there is one. */
export function bodyWithIssuedDocument(r: RequestRecord, issued: IssuedDocuments): unknown {
  const number = r.documentFromSetup === undefined ? null : issued[r.documentFromSetup];
  return number ? { ...(r.body as object), documentNumber: number } : r.body;
}

function wire(
  op: PreparedOperation,
  data: LoadData,
  basePath: string,
  tokens: Record<string, string> | null,
  issued: IssuedDocuments = [],
): WireRequest[] {
  const records = data.files.get(op.file) ?? [];
  let auth: string | null = null;
  if (op.role) {
    const token = tokens?.[op.role];
    if (!token)
      throw new Error(
        `operation ${op.method} ${op.path} needs a '${op.role}' token: pass --tokens FILE (from 'dactylo serve --token-file FILE')`,
      );
    auth = `Bearer ${token}`;
  }
  return records.map((r) => {
    const body = r.body === undefined ? null : Buffer.from(JSON.stringify(bodyWithIssuedDocument(r, issued)));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body) headers['content-type'] = 'application/json';
    if (auth) headers.authorization = auth;
    if (r.idempotencyKey) headers['idempotency-key'] = r.idempotencyKey;
    return { method: op.method, path: basePath + (r.path ?? op.path), headers, body };
  });
}

/** The requests of each planned scenario, ready to send, in plan order. */
export function wireRequests(
  plan: LoadPlan,
  data: LoadData,
  target: URL,
  tokens: Record<string, string> | null,
  issued: IssuedDocuments = [],
): WireRequest[][] {
  const basePath = target.pathname.replace(/\/$/, '');
  return plan.scenarios.map((s) => {
    const op = data.manifest.operations[s.operationId];
    if (!op)
      throw new Error(
        `the load data (prepared for profile ${data.manifest.profile}) has no '${s.operationId}' requests: prepare it with 'dactylo load data --profile ${plan.profile}'`,
      );
    return wire(op, data, basePath, tokens, issued);
  });
}

/** The setup enrolments, ready to send, or an empty list. */
export function setupRequests(
  data: LoadData,
  target: URL,
  tokens: Record<string, string> | null,
): WireRequest[] {
  return data.manifest.setup
    ? wire(data.manifest.setup, data, target.pathname.replace(/\/$/, ''), tokens)
    : [];
}
