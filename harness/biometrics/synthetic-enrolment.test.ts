import { describe, expect, it } from 'vitest';
import { ResidentFactory } from '../../sim/population/index.ts';
import {
  enrolmentRequest,
  ordinaryApplicant,
  probePrints,
  VERIFICATION_FINGERS,
} from './synthetic-enrolment.ts';

const AS_OF = '2025-01-01';
const people = Array.from({ length: 300 }, (_, k) =>
  new ResidentFactory('enrolment-test', AS_OF).resident(k),
);

describe('synthetic enrolments for biometric trials', () => {
  it('takes living adult citizens and permanent residents with a full slap to give', () => {
    const ordinary = people.filter(ordinaryApplicant(AS_OF));
    expect(ordinary.length).toBeGreaterThan(people.length / 3);
    for (const r of ordinary) {
      expect(['citizen', 'foreign-permanent-resident']).toContain(r.status);
      expect(r.birthDate <= '2007-01-01').toBe(true);
      expect(r.fingers.available.length).toBeGreaterThanOrEqual(VERIFICATION_FINGERS);
      expect(r.events.some((e) => e.type === 'died')).toBe(false);
    }
    expect(people.filter((r) => r.status === 'stateless').some(ordinaryApplicant(AS_OF))).toBe(false);
  });

  it("puts another person's fingers under the applicant's identity for a double registration", () => {
    const [a, b] = people.filter(ordinaryApplicant(AS_OF));
    const own = enrolmentRequest(a, { seed: 's', applicationDate: AS_OF });
    const forged = enrolmentRequest(a, {
      seed: 's',
      applicationDate: AS_OF,
      fingersOf: b.index,
      impression: 1,
    });
    expect(forged.applicant).toEqual(own.applicant);
    expect(own.applicant).not.toHaveProperty('birthDate');
    expect(forged.fingerprints.map((f) => f.position)).toEqual(own.fingerprints.map((f) => f.position));
    expect(forged.fingerprints[0].data).not.toBe(own.fingerprints[0].data);
    const bAgain = probePrints('s', b.index, 1, [own.fingerprints[0].position as 1]);
    expect(forged.fingerprints[0].data).toBe(bAgain[0].data);
  });
});
