import type { Random } from '../random/index.ts';
import { addYears, isoOf } from './calendar.ts';
import { type DocumentKind, DocumentNumbers, type IdentityDocument, PRIMARY_DOCUMENT } from './documents.ts';
import type { Sex } from './iin.ts';
import type { LegalStatus } from './legal-status.ts';
import { POPULATION_TUNING } from './tuning.ts';

/**
 * A resident's life up to the as-of date: the documents issued and what happened to them (expiry,
 * loss, theft, replacement after a change of name), marriage, moving abroad and death. Each trigger
 * leads, after a delay, to a new document, which is what sends people to be fingerprinted.
 */
export type LifeEvent =
  | { type: 'document-expired' | 'document-lost' | 'document-stolen'; date: string; document: string }
  | { type: 'name-changed'; date: string; reason: 'marriage'; previousSurname: string; surname: string }
  | { type: 'moved-abroad'; date: string }
  | { type: 'died'; date: string };

export interface LifeInput {
  index: number;
  birthDay: number;
  sex: Sex;
  status: LegalStatus;
  asOfDay: number;
  surnameAtBirth: string;
}

export interface Life {
  surname: string;
  documents: IdentityDocument[];
  events: LifeEvent[];
}

const T = POPULATION_TUNING;
const D = T.documents;
const YEAR_DAYS = 365.2425;
const NEVER = Number.POSITIVE_INFINITY;

/** One life being lived; a class with fixed fields because object spread here cost ~20 µs per resident. */
class Context {
  documents: IdentityDocument[] = [];
  events: LifeEvent[] = [];
  readonly index: number;
  readonly birthDay: number;
  readonly sex: Sex;
  readonly status: LegalStatus;
  readonly asOfDay: number;
  /** Last day on which a document can be issued: alive, in the country, not after as-of. */
  readonly limit: number;

  constructor(
    readonly random: Random,
    input: LifeInput,
    readonly numbers: DocumentNumbers,
    readonly deathDay: number,
    emigrationDay: number,
    readonly nameChangeDay: number,
  ) {
    this.index = input.index;
    this.birthDay = input.birthDay;
    this.sex = input.sex;
    this.status = input.status;
    this.asOfDay = input.asOfDay;
    this.limit = Math.min(input.asOfDay, deathDay - 1, emigrationDay - 1);
  }
}

export function liveLife(
  random: Random,
  input: LifeInput,
  numbers: DocumentNumbers,
  drawNewSurname: () => string,
): Life {
  const deathDay = drawDeath(random, input);
  const emigrationDay = drawEmigration(random, input, deathDay);
  const nameChangeDay = drawMarriage(random, input, Math.min(deathDay, emigrationDay));
  const ctx = new Context(random, input, numbers, deathDay, emigrationDay, nameChangeDay);
  let surname = input.surnameAtBirth;
  if (ctx.nameChangeDay !== NEVER) {
    surname = drawNewSurname();
    ctx.events.push({
      type: 'name-changed',
      date: isoOf(ctx.nameChangeDay),
      reason: 'marriage',
      previousSurname: input.surnameAtBirth,
      surname,
    });
  }
  issuePrimary(ctx);
  if (input.status === 'citizen') issuePassports(ctx);
  if (emigrationDay !== NEVER) ctx.events.push({ type: 'moved-abroad', date: isoOf(emigrationDay) });
  if (deathDay !== NEVER) ctx.events.push({ type: 'died', date: isoOf(deathDay) });
  ctx.documents.sort((a, b) => (a.issued < b.issued ? -1 : a.issued > b.issued ? 1 : 0));
  ctx.events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { surname, documents: ctx.documents, events: ctx.events };
}

/** Death in one of the last years, by Gompertz–Makeham annual probability at the age then. */
function drawDeath(random: Random, p: LifeInput): number {
  for (let y = T.death.years; y >= 1; y--) {
    const from = Math.max(p.birthDay, Math.round(p.asOfDay - y * YEAR_DAYS) + 1);
    const to = Math.round(p.asOfDay - (y - 1) * YEAR_DAYS);
    if (from > to) continue;
    const age = (to - p.birthDay) / YEAR_DAYS;
    const q = Math.min(T.death.max, T.death.a0 + T.death.b * Math.exp(T.death.c * age));
    if (random.bernoulli(q)) return from + random.int(to - from + 1);
  }
  return NEVER;
}

/** Permanent emigration of an adult over the last years, before any death. */
function drawEmigration(random: Random, p: LifeInput, deathDay: number): number {
  const from = Math.max(addYears(p.birthDay, 18), Math.round(p.asOfDay - T.emigration.years * YEAR_DAYS));
  const to = Math.min(p.asOfDay, deathDay - 1);
  if (from > to) return NEVER;
  const exposure = (to - from + 1) / YEAR_DAYS;
  if (!random.bernoulli(1 - (1 - T.emigration.perYear) ** exposure)) return NEVER;
  return from + random.int(to - from + 1);
}

/** A woman's change of surname on marriage, if it happened before she died or left. */
function drawMarriage(random: Random, p: LifeInput, end: number): number {
  const m = T.marriageNameChange;
  if (p.sex !== 'F' || !random.bernoulli(m.womenShare)) return NEVER;
  const from = addYears(p.birthDay, m.fromAge);
  const day = from + random.int(addYears(p.birthDay, m.toAge) - from);
  return day <= p.asOfDay && day < end ? day : NEVER;
}

function issuePrimary(ctx: Context): void {
  let first = addYears(ctx.birthDay, D.idCardAge);
  if (ctx.status !== 'citizen') {
    const arrival = ctx.asOfDay - ctx.random.int(Math.round(T.arrivalYears * YEAR_DAYS));
    first = Math.max(first, arrival);
  } else {
    first += delay(ctx.random);
  }
  chain(ctx, PRIMARY_DOCUMENT[ctx.status], intoHistory(ctx, first), 1);
}

function issuePassports(ctx: Context): void {
  const adult = addYears(ctx.birthDay, D.idCardAge);
  const isAdult = adult <= ctx.asOfDay;
  if (!ctx.random.bernoulli(isAdult ? D.passportAdultShare : D.passportChildShare)) return;
  const from = Math.max(isAdult ? adult : ctx.birthDay, ctx.asOfDay - Math.round(D.historyYears * YEAR_DAYS));
  if (from > ctx.limit) return;
  chain(ctx, 'passport', from + ctx.random.int(ctx.limit - from + 1), D.passportRenewShare);
}

/** Moves a first issue older than the kept history forward by whole validity periods (renewals). */
function intoHistory(ctx: Context, first: number): number {
  const start = ctx.asOfDay - Math.round(D.historyYears * YEAR_DAYS);
  let day = first;
  while (day < start) day = addYears(day, D.validityYears);
  return day;
}

/** Issues a document, then its successors after each expiry, loss, theft or change of name. */
function chain(ctx: Context, kind: DocumentKind, firstIssue: number, renewShare: number): void {
  const perResident = DocumentNumbers.perResident(kind);
  let issue = firstIssue;
  for (let ordinal = 0; issue <= ctx.limit && ordinal < perResident; ordinal++) {
    const expiry = addYears(issue, D.validityYears);
    const doc: IdentityDocument = {
      kind,
      number: ctx.numbers.number(kind, ctx.index, ordinal),
      issued: isoOf(issue),
      expires: isoOf(expiry - 1),
      status: 'valid',
    };
    ctx.documents.push(doc);
    const lost = issue + waitDays(ctx.random, D.lossPerYear);
    const stolen = issue + waitDays(ctx.random, D.theftPerYear);
    const renamed = ctx.nameChangeDay > issue && ctx.nameChangeDay < expiry ? ctx.nameChangeDay : NEVER;
    const t = Math.min(lost, stolen, renamed, expiry);
    if (t > ctx.limit) {
      settle(ctx, doc, expiry);
      return;
    }
    if (t === expiry) {
      doc.status = 'expired';
      ctx.events.push({ type: 'document-expired', date: isoOf(expiry), document: doc.number });
      if (!ctx.random.bernoulli(renewShare)) return;
    } else if (t === renamed) {
      doc.status = 'replaced';
      doc.statusDate = isoOf(t);
    } else {
      doc.status = t === lost ? 'lost' : 'stolen';
      doc.statusDate = isoOf(t);
      ctx.events.push({
        type: t === lost ? 'document-lost' : 'document-stolen',
        date: doc.statusDate,
        document: doc.number,
      });
    }
    issue = t + delay(ctx.random);
  }
}

/** The state on the as-of date of a document nothing happened to while its holder was here. */
function settle(ctx: Context, doc: IdentityDocument, expiry: number): void {
  if (ctx.deathDay <= ctx.asOfDay && ctx.deathDay < expiry) {
    doc.status = 'invalidated';
    doc.statusDate = isoOf(ctx.deathDay);
  } else if (expiry <= ctx.asOfDay) {
    doc.status = 'expired';
    ctx.events.push({ type: 'document-expired', date: isoOf(expiry), document: doc.number });
  }
}

/** Days until an event of the given yearly rate (exponential waiting time), at least 1. */
function waitDays(random: Random, perYear: number): number {
  return 1 + Math.floor((-Math.log(1 - random.float()) * YEAR_DAYS) / perYear);
}

/** Days from a trigger to the new document: mostly prompt, sometimes late. */
function delay(random: Random): number {
  return random.bernoulli(D.prompt.share)
    ? random.int(D.prompt.maxDays + 1)
    : D.prompt.maxDays + 1 + random.int(D.late.maxDays);
}
