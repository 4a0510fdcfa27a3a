import { accidentVictim } from './accident-victim.scenario.ts';
import { borderCrossing } from './border-crossing.scenario.ts';
import { boundaryPolAge01 } from './boundary-pol-age-01.scenario.ts';
import { boundaryPolAge02 } from './boundary-pol-age-02.scenario.ts';
import { boundaryPolDup01 } from './boundary-pol-dup-01.scenario.ts';
import { boundaryPolEnr01 } from './boundary-pol-enr-01.scenario.ts';
import { boundaryPolExm01 } from './boundary-pol-exm-01.scenario.ts';
import { boundaryPolPst01 } from './boundary-pol-pst-01.scenario.ts';
import { boundaryPolRef01 } from './boundary-pol-ref-01.scenario.ts';
import { boundaryPolVer01 } from './boundary-pol-ver-01.scenario.ts';
import { boundaryPolWho01 } from './boundary-pol-who-01.scenario.ts';
import { childOfEleven } from './child-of-eleven.scenario.ts';
import { deceasedPerson } from './deceased-person.scenario.ts';
import { doubleRegistration } from './double-registration.scenario.ts';
import { firstIdCardAt16 } from './first-id-card-at-16.scenario.ts';
import { foreignPermanentResident } from './foreign-permanent-resident.scenario.ts';
import { lostPassportAtPsc } from './lost-passport-at-psc.scenario.ts';
import { memoryLoss } from './memory-loss.scenario.ts';
import { missingFingers } from './missing-fingers.scenario.ts';
import { missingRelative } from './missing-relative.scenario.ts';
import { nameChangeAfterMarriage } from './name-change-after-marriage.scenario.ts';
import { passportStolenAbroad } from './passport-stolen-abroad.scenario.ts';
import { refusal } from './refusal.scenario.ts';
import { renewalOnExpiry } from './renewal-on-expiry.scenario.ts';
import type { Scenario } from './scenario.ts';
import { statelessPerson } from './stateless-person.scenario.ts';
import { undocumentedHospitalPatient } from './undocumented-hospital-patient.scenario.ts';
import { voluntaryTwelveToSixteen } from './voluntary-twelve-to-sixteen.scenario.ts';

/** The situations of the rules, in the order the issue lists them. */
export const SITUATIONS: readonly Scenario[] = [
  firstIdCardAt16,
  childOfEleven,
  voluntaryTwelveToSixteen,
  renewalOnExpiry,
  nameChangeAfterMarriage,
  lostPassportAtPsc,
  passportStolenAbroad,
  accidentVictim,
  memoryLoss,
  undocumentedHospitalPatient,
  missingRelative,
  borderCrossing,
  doubleRegistration,
  foreignPermanentResident,
  statelessPerson,
  refusal,
  missingFingers,
  deceasedPerson,
];

/** The enrolment policy told at its exact boundaries, one story per rule. */
export const POLICY_BOUNDARIES: readonly Scenario[] = [
  boundaryPolWho01,
  boundaryPolAge01,
  boundaryPolExm01,
  boundaryPolAge02,
  boundaryPolPst01,
  boundaryPolRef01,
  boundaryPolVer01,
  boundaryPolEnr01,
  boundaryPolDup01,
];

export const ALL_SCENARIOS: readonly Scenario[] = [...SITUATIONS, ...POLICY_BOUNDARIES];
