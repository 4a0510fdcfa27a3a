import type { CertificationContext } from '../harness/certify/certification-suite.ts';
import type { Canary } from '../harness/leakage/canary.ts';
import type { Evidence } from '../harness/requirements/evidence.ts';
import type { Capability } from '../harness/requirements/requirement.ts';
import type { Role } from '../harness/targets/reference-api-types.ts';
import type { Scenario } from './scenario.ts';
import { describeHits, piiIn, piiInText, rowCount, rowsHolding } from './storage-checks.ts';
import { Story, tell } from './story.ts';
import { Calls } from './target-calls.ts';

/** What a plot is given: the run's context, the story to record checks in, and the calls to make. */
export interface Plot {
  ctx: CertificationContext;
  story: Story;
  calls: Calls;
}

export interface ScenarioDefinition {
  id: Scenario['id'];
  title: string;
  rule: string;
  requires?: readonly Capability[];
  plot(p: Plot): Promise<void>;
}

/** A scenario from its plot: skipped, with the reason, on a target that lacks what it needs. */
export function defineScenario(d: ScenarioDefinition): Scenario {
  const requires = d.requires ?? ['api'];
  return {
    id: d.id,
    title: d.title,
    rule: d.rule,
    requires,
    async run(ctx: CertificationContext): Promise<Evidence> {
      const lacking = requires.filter((c) => !ctx.target.capabilities.has(c));
      if (lacking.length > 0)
        return {
          test: d.id,
          outcome: 'skipped',
          summary: `${d.title}: not told`,
          reason: `the target does not provide: ${lacking.join(', ')}`,
        };
      const story = new Story(d.id, d.title, d.rule);
      ctx.progress(`${d.id}: ${d.title}`);
      return tell(story, (s) => d.plot({ ctx, story: s, calls: new Calls(ctx, s) }));
    },
  };
}

/** Rows in the fingerprint database now, or null where the target gives no access to it. */
export async function vaultRows(ctx: CertificationContext): Promise<number | null> {
  const vault = ctx.target.fingerprintDatabase;
  return vault ? rowCount(vault) : null;
}

/** The vault holds no new row since `before` (nothing captured, nothing stored). */
export async function vaultUnchanged(
  p: Plot,
  before: number | null,
  what = 'the vault gained a row',
): Promise<void> {
  if (before === null) return noteNoVault(p);
  const after = await vaultRows(p.ctx);
  p.story.mustNot(after !== before, `${what} (rows ${before} → ${after})`);
}

/** The vault grew by at least `atLeast` rows since `before` (prints really stored). */
export async function vaultGrew(
  p: Plot,
  before: number | null,
  atLeast: number,
  what: string,
): Promise<void> {
  if (before === null) return noteNoVault(p);
  const after = (await vaultRows(p.ctx)) ?? before;
  p.story.expectThat(after - before >= atLeast, `${what} (rows ${before} → ${after})`);
}

function noteNoVault(p: Plot): void {
  p.story.note('vault', 'not inspected: the target gives no access to its fingerprint database');
}

/** No identifier of these people (IIN, names, birth date, document numbers) anywhere in the vault. */
export async function vaultHoldsNoPii(p: Plot, people: readonly Canary[]): Promise<void> {
  const vault = p.ctx.target.fingerprintDatabase;
  if (!vault) return noteNoVault(p);
  const found = await piiIn(vault, people);
  const where = describeHits(found.hits);
  p.story.mustNot(
    found.hits.length > 0,
    `the vault holds the applicants' personal data${where.length ? `: ${where.join(', ')}` : ''}`,
  );
  if (found.notInspected.length > 0) p.story.note('vaultNotInspected', found.notInspected);
}

/** The vault holds no row mentioning `text` (a legal status, a refusal id, a citizenship). */
export async function vaultNeverMentions(p: Plot, text: string, what: string): Promise<void> {
  const vault = p.ctx.target.fingerprintDatabase;
  if (!vault) return noteNoVault(p);
  const rows = await rowsHolding(vault, text);
  p.story.mustNot(rows.length > 0, `${what} (${rows.length} vault rows)`);
}

/** An answer a role received tells it none of these people's identifiers. */
export function answerTellsNothing(
  p: Plot,
  raw: string,
  people: readonly Canary[],
  role: Role | 'caller without a token',
  answer: string,
): void {
  const where = describeHits(piiInText(raw, people, answer));
  p.story.mustNot(
    where.length > 0,
    `the ${answer} tells the ${role} personal data${where.length ? `: ${where.join(', ')}` : ''}`,
  );
}
