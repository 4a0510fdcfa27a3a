import { describe, expect, it } from 'vitest';
import { population } from '../../sim/population/index.ts';
import { describeErrors, schemaValidator } from './validate.ts';

describe('resident.schema.json over 100,000 residents', () => {
  it('accepts every generated resident', () => {
    const validate = schemaValidator('resident.schema.json');
    const bad: string[] = [];
    for (const r of population({ seed: 'schema-100k', count: 100_000 })) {
      const data: unknown = r;
      if (!validate(data) && bad.length < 3) bad.push(`${r.index}: ${describeErrors(validate.errors)}`);
    }
    expect(bad).toEqual([]);
  });
});
