import { ageOn, parseIso } from './calendar.ts';
import type { DocumentKind, DocumentStatus } from './documents.ts';
import type { FingerUnavailability } from './finger-availability.ts';
import type { LegalStatus } from './legal-status.ts';
import type { LifeEvent } from './life-events.ts';
import type { Resident } from './resident.ts';

export type AgeBand = 'under12' | 'from12to15' | 'from16';

/** Counts over a population: what the demo prints and what the tests hold against the targets. */
export interface PopulationSummary {
  residents: number;
  ageBands: Record<AgeBand, number>;
  sex: Record<'M' | 'F', number>;
  statuses: Record<LegalStatus, number>;
  documents: Record<DocumentKind, Partial<Record<DocumentStatus, number>>>;
  withoutValidDocument: number;
  regions: Record<string, number>;
  events: Partial<Record<LifeEvent['type'], number>>;
  fewerThanTenFingers: number;
  fingerReasons: Partial<Record<FingerUnavailability, number>>;
}

export function ageBandOf(age: number): AgeBand {
  return age < 12 ? 'under12' : age < 16 ? 'from12to15' : 'from16';
}

/** Accumulates a summary one resident at a time, so that it works on a stream. */
export class PopulationSummarizer {
  private readonly asOfDay: number;
  readonly summary: PopulationSummary = {
    residents: 0,
    ageBands: { under12: 0, from12to15: 0, from16: 0 },
    sex: { M: 0, F: 0 },
    statuses: { citizen: 0, 'foreign-permanent-resident': 0, stateless: 0 },
    documents: { 'id-card': {}, passport: {}, 'residence-permit': {}, 'stateless-certificate': {} },
    withoutValidDocument: 0,
    regions: {},
    events: {},
    fewerThanTenFingers: 0,
    fingerReasons: {},
  };

  constructor(asOf: string) {
    this.asOfDay = parseIso(asOf);
  }

  add(r: Resident): void {
    const s = this.summary;
    s.residents++;
    s.ageBands[ageBandOf(ageOn(parseIso(r.birthDate), this.asOfDay))]++;
    s.sex[r.sex]++;
    s.statuses[r.status]++;
    for (const d of r.documents) increment(s.documents[d.kind], d.status);
    if (!r.documents.some((d) => d.status === 'valid')) s.withoutValidDocument++;
    increment(s.regions, r.region);
    for (const e of r.events) increment(s.events, e.type);
    if (r.fingers.unavailable.length > 0) s.fewerThanTenFingers++;
    for (const u of r.fingers.unavailable) increment(s.fingerReasons, u.reason);
  }
}

function increment<K extends string>(counts: Partial<Record<K, number>>, key: K): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
