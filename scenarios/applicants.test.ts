import { describe, expect, it } from 'vitest';
import { ResidentPool } from '../harness/certify/resident-pool.ts';
import { validateIin } from '../sim/population/index.ts';
import { bornOn } from './applicants.ts';

describe('applicants derived from residents', () => {
  const [r] = new ResidentPool('applicants', '2025-01-01', 50).take(1, () => true, 'test');

  it('born on another day carry a valid IIN of that day and sex, the same every time', () => {
    const child = bornOn(r, '2013-12-31');
    const v = validateIin(child.iin);
    expect(v).toMatchObject({ valid: true, birthDate: '2013-12-31', sex: r.sex });
    expect(bornOn(r, '2013-12-31').iin).toBe(child.iin);
    expect(child.index).toBe(r.index);
  });
});
