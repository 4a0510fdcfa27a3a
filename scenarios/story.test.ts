import { describe, expect, it } from 'vitest';
import { ContractViolation } from '../harness/targets/reference-api-client.ts';
import { CannotTell, Story, tell, UnexpectedAnswer } from './story.ts';

const story = () => new Story('scenarios/example', 'An example', 'POL-XXX-01');

describe('a story', () => {
  it('passes only when every check held, and lists its steps and checks', async () => {
    const e = await tell(story(), async (s) => {
      s.step('first');
      s.expectThat(true, 'it holds');
      s.step('second');
      s.mustNot(false, 'it happens');
    });
    expect(e.outcome).toBe('pass');
    expect(e.details).toMatchObject({ rule: 'POL-XXX-01', steps: ['first', 'second'] });
  });

  it('fails listing each failed check with its step', async () => {
    const e = await tell(story(), async (s) => {
      s.step('apply');
      s.expectThat(false, 'the applicant is enrolled');
      s.mustNot(true, 'prints reach the vault');
      s.expectThat(true, 'a card is issued');
    });
    expect(e.outcome).toBe('fail');
    expect((e.details as { failed: string[] }).failed).toEqual([
      '[apply] expected: the applicant is enrolled',
      '[apply] must not: prints reach the vault',
    ]);
  });

  it('ends at a required check that failed, as a fail', async () => {
    let reached = false;
    const e = await tell(story(), async (s) => {
      s.need(undefined, 'a card is issued');
      reached = true;
    });
    expect(e.outcome).toBe('fail');
    expect(reached).toBe(false);
  });

  it('is an error, never a pass, when it checked nothing', async () => {
    expect((await tell(story(), async () => {})).outcome).toBe('error');
  });

  it('is an error naming the step when the target answers what no target may', async () => {
    const broken = new ContractViolation('verify', ['200: extra property score'], {
      status: 200,
      headers: {},
      body: '{}',
    });
    for (const thrown of [broken, new UnexpectedAnswer('enrolment answered 500')]) {
      const e = await tell(story(), async (s) => {
        s.step('verify at the border');
        s.expectThat(true, 'enrolled');
        throw thrown;
      });
      expect(e.outcome).toBe('error');
      expect(e.reason).toMatch(/^at step "verify at the border": /);
    }
  });

  it('stays a fail when a check had failed before the target answered what no target may', async () => {
    const e = await tell(story(), async (s) => {
      s.step('enrol the child');
      s.mustNot(true, 'prints reach the vault');
      throw new UnexpectedAnswer('verification answered 500');
    });
    expect(e.outcome).toBe('fail');
    expect(e.details).toMatchObject({ interrupted: 'at step "enrol the child": verification answered 500' });
  });

  it('is skipped with the reason when the target cannot be told the story', async () => {
    const e = await tell(story(), async () => {
      throw new CannotTell('the contract has no recordDeath operation');
    });
    expect(e).toMatchObject({ outcome: 'skipped', reason: 'the contract has no recordDeath operation' });
  });
});
