import type { CertificationSuite, SuiteEvidence } from './certification-suite.ts';

function suiteBug(suite: CertificationSuite, test: string, what: string): SuiteEvidence {
  return {
    test,
    outcome: 'error',
    summary: `suite ${suite.id} is broken`,
    reason: `suite ${suite.id} ${what} (a bug in dactylo, not in the target: report it)`,
  };
}

/**
 * Holds a suite to its declaration: exactly one piece of evidence per test it `produces`. Evidence
 * for an undeclared test, a second piece for one test, or none for a declared test become `error`
 * evidence naming the bug, so a broken suite can never make a requirement pass. Output follows
 * `produces`, then anything undeclared.
 */
export function checkSuiteOutput(suite: CertificationSuite, raw: readonly SuiteEvidence[]): SuiteEvidence[] {
  const declared = new Set(suite.produces);
  const byTest = new Map<string, SuiteEvidence[]>();
  for (const e of raw) byTest.set(e.test, [...(byTest.get(e.test) ?? []), e]);
  const out: SuiteEvidence[] = [];
  for (const test of suite.produces) {
    const got = byTest.get(test) ?? [];
    if (got.length === 0) out.push(suiteBug(suite, test, `declares ${test} but gave no evidence for it`));
    else if (got.length > 1)
      out.push(suiteBug(suite, test, `gave ${got.length} pieces of evidence for ${test}`));
    else out.push(withReason(got[0]));
  }
  for (const [test] of byTest)
    if (!declared.has(test))
      out.push(suiteBug(suite, test, `gave evidence for ${test}, which it does not declare in produces`));
  return out;
}

/** `error` and `skipped` evidence always say why (the summary, when the suite gave no reason). */
function withReason(e: SuiteEvidence): SuiteEvidence {
  if ((e.outcome === 'error' || e.outcome === 'skipped') && !e.reason) return { ...e, reason: e.summary };
  return e;
}
