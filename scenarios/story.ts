import type { Evidence } from '../harness/requirements/evidence.ts';
import { ContractViolation } from '../harness/targets/reference-api-client.ts';

/** One check of a story: what must hold, or what must not happen, and whether it did. */
export interface Check {
  step: string;
  kind: 'expect' | 'must-not';
  what: string;
  held: boolean;
}

/** The target answered something no correct target answers (5xx, a body the story cannot use). */
export class UnexpectedAnswer extends Error {
  override name = 'UnexpectedAnswer';
}

/** The story cannot be told against this target at all (it lacks an operation): the evidence is `skipped`. */
export class CannotTell extends Error {
  override name = 'CannotTell';
}

/** A check the rest of the story depends on failed: the story ends there, and its evidence is a fail. */
export class StoryEnds extends Error {
  override name = 'StoryEnds';
}

/**
 * Records a scenario as it is told: named steps and the checks made in each. The evidence passes
 * only when every check held; a story that checked nothing, or was cut short by an unexpected
 * answer, is an error, never a pass.
 */
export class Story {
  private readonly checks: Check[] = [];
  private readonly steps: string[] = [];
  private readonly notes: Record<string, unknown> = {};
  private current = 'set-up';

  constructor(
    readonly test: string,
    readonly title: string,
    readonly rule: string,
  ) {}

  /** Starts the next step of the story; checks and unexpected answers are attributed to it. */
  step(name: string): void {
    this.current = name;
    this.steps.push(name);
  }

  /** `condition` must hold; returns it so a story can stop following a branch that failed. */
  expectThat(condition: boolean, what: string): boolean {
    this.checks.push({ step: this.current, kind: 'expect', what, held: condition });
    return condition;
  }

  /** `happened` is something that must not happen; returns true when it did not. */
  mustNot(happened: boolean, what: string): boolean {
    this.checks.push({ step: this.current, kind: 'must-not', what, held: !happened });
    return !happened;
  }

  /** Like expectThat, but the rest of the story cannot go on without it. */
  require(condition: boolean, what: string): void {
    if (!this.expectThat(condition, what)) throw new StoryEnds(what);
  }

  /** A value the rest of the story needs (the document issued, the top candidate): absent ends the story. */
  need<T>(value: T | null | undefined, what: string): T {
    this.require(value !== undefined && value !== null, what);
    return value as T;
  }

  /** A deterministic fact worth reading in the report (counts, statuses; never ids or PII). */
  note(key: string, value: unknown): void {
    this.notes[key] = value;
  }

  get failed(): Check[] {
    return this.checks.filter((c) => !c.held);
  }

  evidence(): Evidence {
    const failed = this.failed;
    const details = { rule: this.rule, steps: this.steps, checks: this.checks, ...this.notes };
    if (this.checks.length === 0)
      return {
        test: this.test,
        outcome: 'error',
        summary: `${this.title}: the story made no check`,
        reason: 'a scenario that checks nothing cannot pass; the story ended before its first check',
        details,
      };
    if (failed.length === 0)
      return {
        test: this.test,
        outcome: 'pass',
        summary: `${this.title}: all ${this.checks.length} checks held over ${this.steps.length} steps`,
        details,
      };
    return {
      test: this.test,
      outcome: 'fail',
      summary: `${this.title}: ${failed.length} of ${this.checks.length} checks failed — ${failed
        .map(describe)
        .join('; ')}`,
      details: { ...details, failed: failed.map(describe) },
    };
  }

  /**
   * Evidence for a story cut short: the step it reached and why. A check that had already failed
   * is a confirmed failure, whatever cut the story short afterwards.
   */
  interrupted(e: unknown): Evidence {
    const reason = `at step "${this.current}": ${why(e)}`;
    if (this.failed.length > 0) {
      const evidence = this.evidence();
      return { ...evidence, details: { ...(evidence.details as object), interrupted: reason } };
    }
    return {
      test: this.test,
      outcome: 'error',
      summary: `${this.title}: could not be told to the end (step "${this.current}")`,
      reason,
      details: { rule: this.rule, steps: this.steps, checks: this.checks, ...this.notes },
    };
  }
}

function why(e: unknown): string {
  if (e instanceof ContractViolation) return `the target broke the contract: ${e.message}`;
  if (e instanceof UnexpectedAnswer) return e.message;
  return `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`;
}

export function describe(c: Check): string {
  return `[${c.step}] ${c.kind === 'expect' ? 'expected' : 'must not'}: ${c.what}`;
}

/** Tells a story to the end and turns it into evidence, whatever the target answers. */
export async function tell(story: Story, plot: (story: Story) => Promise<void>): Promise<Evidence> {
  try {
    await plot(story);
  } catch (e) {
    if (e instanceof StoryEnds) return story.evidence();
    if (e instanceof CannotTell)
      return { test: story.test, outcome: 'skipped', summary: `${story.title}: not told`, reason: e.message };
    return story.interrupted(e);
  }
  return story.evidence();
}
