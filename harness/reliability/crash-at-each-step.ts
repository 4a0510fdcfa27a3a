import type { Resident } from '../../sim/population/index.ts';
import { ENROL_STEPS } from '../../sim/reference/reference-system.ts';
import { ordinaryApplicant } from '../biometrics/synthetic-enrolment.ts';
import type { CertificationContext, SuiteEvidence } from '../certify/certification-suite.ts';
import type { InProcessHooks } from '../targets/certification-target.ts';
import { type Attempt, acknowledged, attemptEnrolment, reliabilityKey } from './enrolment-attempt.ts';
import { isAbsent, notExactlyOnce, ReferenceStorage } from './reference-storage.ts';

export const CRASH_TEST = 'reliability/crash-at-each-step';

export interface Fault {
  kind: 'crash' | 'dropped connection';
  step: string;
}

/**
 * The faults a run injects: the process dying after each named step of an enrolment and, in a
 * full run, both database connections dropping after each step (the statements that follow fail).
 * Quick runs crash only: every restart reloads the whole gallery.
 */
export function faultsToInject(quick: boolean): Fault[] {
  const crashes = ENROL_STEPS.map((step): Fault => ({ kind: 'crash', step }));
  const drops = ENROL_STEPS.map((step): Fault => ({ kind: 'dropped connection', step }));
  return quick ? crashes : [...crashes, ...drops];
}

interface Outcome {
  fault: string;
  firstAnswer: string;
  afterRestart: 'none' | 'one' | string;
  retries: string[];
  problems: string[];
}

interface Probe {
  ctx: CertificationContext;
  hooks: InProcessHooks;
  storage: ReferenceStorage;
  /** Disagreements storage had before the suite began (other suites' doing): not this test's finding. */
  baseline: ReadonlySet<string>;
}

async function newDisagreements(p: Probe): Promise<string[]> {
  return (await p.storage.disagreements()).filter((d) => !p.baseline.has(d));
}

const arm = (f: Fault) => (f.kind === 'crash' ? { crashAt: f.step } : { dropConnectionAt: f.step });

/**
 * After the restart that followed a fault: storage holds one consistent record of the person or
 * none, an acknowledged enrolment survived, and the two stores agree.
 */
async function afterRestart(p: Probe, c: Case): Promise<void> {
  const record = await p.storage.recordOf(c.person.iin);
  const half = isAbsent(record) ? null : notExactlyOnce(record);
  c.outcome.afterRestart = isAbsent(record) ? 'none' : (half ?? 'one');
  if (half) c.outcome.problems.push(`after restart: ${half}`);
  if (acknowledged(c.first) && isAbsent(record))
    c.outcome.problems.push('an acknowledged enrolment was lost in the restart');
  c.outcome.problems.push(...(await newDisagreements(p)).map((d) => `after restart: ${d}`));
}

/** On the healed system: the first retry completes the enrolment, the second answers the same, once in storage. */
async function retryTwice(p: Probe, c: Case): Promise<void> {
  const retry = await attemptEnrolment(p.ctx.target, c.person, c.send);
  const again = await attemptEnrolment(p.ctx.target, c.person, c.send);
  const problems = c.outcome.problems;
  c.outcome.retries = [retry, again].map((a) => `${a.status} ${a.outcome}`);
  if (!acknowledged(retry) || retry.outcome !== 'enrolled')
    problems.push(`the retry with the same key answered ${retry.status} ${retry.outcome}, not enrolled`);
  if (again.answer !== retry.answer) problems.push('a second retry answered differently from the first');
  if (acknowledged(c.first) && c.first.answer !== retry.answer)
    problems.push('the retry answered differently from the acknowledged first attempt');
  const once = notExactlyOnce(await p.storage.recordOf(c.person.iin));
  if (once) problems.push(`after the retry: ${once}`);
}

interface Case {
  person: Resident;
  send: { seed: string; applicationDate: string; key: string };
  first: Attempt;
  outcome: Outcome;
}

/**
 * Every fault in turn: arm it with a restart (which also recovers from the fault before, so it is
 * checked right after), enrol a new person, then one clean restart for the last; then, on the healed
 * system, each person's enrolment is retried with its key. One restart per fault plus one: each
 * restart reloads the whole gallery, the cost of this test.
 */
async function injectAll(
  p: Probe,
  faults: readonly Fault[],
  people: readonly Resident[],
): Promise<Outcome[]> {
  const cases: Case[] = [];
  for (const [i, fault] of faults.entries()) {
    p.ctx.progress(`${fault.kind} after ${fault.step}`);
    await p.hooks.restart(arm(fault));
    if (i > 0) await afterRestart(p, cases[i - 1]);
    const person = people[i];
    const send = {
      seed: p.ctx.seed,
      applicationDate: p.ctx.asOf,
      key: reliabilityKey(p.ctx.seed, `crash-${fault.kind === 'crash' ? 'c' : 'd'}-${fault.step}`, person),
    };
    const first = await attemptEnrolment(p.ctx.target, person, send);
    const outcome: Outcome = {
      fault: `${fault.kind} after ${fault.step}`,
      firstAnswer: `${first.status} ${first.outcome}`,
      afterRestart: 'not checked',
      retries: [],
      problems: [],
    };
    cases.push({ person, send, first, outcome });
  }
  await p.hooks.restart();
  if (cases.length > 0) await afterRestart(p, cases[cases.length - 1]);
  for (const c of cases) await retryTwice(p, c);
  const late = await newDisagreements(p);
  if (late.length > 0)
    cases[cases.length - 1]?.outcome.problems.push(...late.map((d) => `after the retries: ${d}`));
  return cases.map((c) => c.outcome);
}

function skipped(reason: string): SuiteEvidence {
  return { test: CRASH_TEST, outcome: 'skipped', summary: 'crash at each step not run', reason };
}

/** REL-CRS-01: a crash or dropped connection at each step of an enrolment, storage checked after restart. */
export async function crashAtEachStep(ctx: CertificationContext): Promise<SuiteEvidence> {
  const hooks = ctx.target.hooks;
  if (!hooks)
    return skipped(
      'the target offers no hook to stop it at a named step of an enrolment (only the in-process reference does); a lab kills a vendor system by hand',
    );
  const storage = await ReferenceStorage.open(ctx.target);
  if (!storage)
    return skipped('the target’s databases do not have the reference storage layout this test reads');
  const faults = faultsToInject(ctx.quick);
  const people = ctx.residents.take(
    faults.length,
    ordinaryApplicant(ctx.asOf),
    'reliability: crash at each step',
  );
  const probe: Probe = { ctx, hooks, storage, baseline: new Set(await storage.disagreements()) };
  let outcomes: Outcome[];
  try {
    outcomes = await injectAll(probe, faults, people);
  } catch (e) {
    // Leave the target running cleanly for the suites after this one.
    await hooks.restart();
    throw e;
  }
  const bad = outcomes.filter((o) => o.problems.length > 0);
  return {
    test: CRASH_TEST,
    outcome: bad.length === 0 ? 'pass' : 'fail',
    summary:
      bad.length === 0
        ? `${outcomes.length} faults (${[...new Set(faults.map((f) => f.kind))].join(', ')} after each of ${ENROL_STEPS.length} steps): one consistent record or none after restart, each retry enrolled once`
        : bad.map((o) => `${o.fault}: ${o.problems.join('; ')}`).join(' | '),
    details: { steps: ENROL_STEPS, outcomes },
  };
}
