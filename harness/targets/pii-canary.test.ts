import { describe, expect, it } from 'vitest';
import { findLeaks, leakForms } from './pii-canary.ts';

describe('PII canary forms', () => {
  it('finds a value as text, hex and base64 inside longer encodings', () => {
    const iin = '870212441482';
    for (const prefix of ['', 'x', 'xy', 'xyz']) {
      const b64 = Buffer.from(`${prefix}${iin}tail`).toString('base64');
      expect(findLeaks([iin], { b64 })).not.toEqual([]);
    }
    expect(findLeaks(['Нұрланова'], { hex: Buffer.from('a Нұрланова b').toString('hex') })).not.toEqual([]);
    expect(findLeaks([iin], { clean: 'nothing here 87021244148' })).toEqual([]);
    expect(leakForms('1987-02-12')).toContain('1987-02-12');
  });
});
