import type { Role } from '../harness/targets/reference-api-types.ts';
import { adults, application, canariesOf, prints } from './applicants.ts';
import { identifyAndResolve } from './identification.ts';
import { answerTellsNothing, defineScenario, vaultHoldsNoPii } from './scenario-kit.ts';

const NOT_AUTHORISED: readonly Role[] = ['psc-operator', 'consulate-officer', 'border-officer', 'auditor'];

/** A patient arrives at a hospital without documents; only the police may identify her, on request. */
export const undocumentedHospitalPatient = defineScenario({
  id: 'scenarios/undocumented-hospital-patient',
  title: 'An undocumented hospital patient identified 1:N',
  rule: 'SCN-HOS-01: 1:N for the authorised role only; the hospital learns the identity, nothing more',
  async plot(p) {
    const { ctx, story, calls } = p;
    const [patient, other] = adults(ctx, 2, 'undocumented hospital patient');
    const warrant = {
      purpose: 'identification of an undocumented hospital patient',
      caseReference: 'HOS-2025-0207',
    };

    story.step('earlier: the patient and another resident were enrolled');
    for (const r of [patient, other]) {
      const out = await calls.enrol(application(ctx, r, { applicationDate: ctx.asOf }));
      story.require(out.status === 'enrolled', `a resident was enrolled (got ${out.status})`);
    }
    const probe = prints(ctx, patient, 2, [1, 2, 6, 7]);

    story.step('other roles try the 1:N search and are refused');
    for (const role of NOT_AUTHORISED) {
      const res = await calls.identifyAnswer(role, probe, warrant);
      story.expectThat(res.status === 403, `the ${role} may not search 1:N (got ${res.status})`);
      answerTellsNothing(p, res.raw, canariesOf(patient), role, 'refusal');
      story.mustNot(res.raw.includes('subjectId'), `the refusal tells the ${role} a subject identifier`);
    }

    story.step('the identification officer searches at the hospital’s request');
    const { person } = await identifyAndResolve(p, probe, warrant, [patient, other]);
    story.expectThat(person.iin === patient.iin, 'the patient is identified');
    story.mustNot(person.iin === other.iin, 'another resident is named');

    story.step('what must not happen: personal data in the vault');
    await vaultHoldsNoPii(
      p,
      [patient, other].flatMap((r) => canariesOf(r)),
    );
  },
});
