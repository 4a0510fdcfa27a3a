import { adult, application, canariesOf, prints, withStatus } from './applicants.ts';
import { defineScenario, vaultHoldsNoPii, vaultNeverMentions } from './scenario-kit.ts';

/** A stateless person applies for the stateless-person certificate. */
export const statelessPerson = defineScenario({
  id: 'scenarios/stateless-person',
  title: 'A stateless person receives a stateless-person certificate',
  rule: 'SCN-SLS-01, POL-WHO-01: stateless persons are covered and enrolled; no citizenship in the vault',
  async plot(p) {
    const { ctx, story, calls } = p;
    const person = withStatus(adult(ctx, 'stateless person'), 'stateless', null);

    story.step('the person applies for a stateless-person certificate');
    const out = await calls.enrol(
      application(ctx, person, { applicationDate: ctx.asOf, document: 'stateless-certificate' }),
    );
    story.expectThat(out.status === 'enrolled', `the person is enrolled (got ${out.status})`);
    const certificate = story.need(out.document, 'a certificate is issued');
    story.expectThat(
      certificate.kind === 'stateless-certificate',
      `it is a stateless-person certificate (got ${certificate.kind})`,
    );

    story.step('the certificate holder is verified 1:1 later');
    const v = await calls.verify(
      'psc-operator',
      { documentNumber: certificate.number },
      prints(ctx, person, 1),
    );
    story.expectThat(v.decision === 'match', 'fresh prints match');

    story.step('what must not happen: identity or statelessness in the vault');
    await vaultHoldsNoPii(p, canariesOf(person, [certificate.number]));
    await vaultNeverMentions(p, 'stateless', 'the vault records the legal status');
  },
});
