import { describe, expect, it } from 'vitest';
import { assertValid, schemaValidator } from './validate.ts';

describe('contract validation', () => {
  it('compiles every schema in harness/contract/ in strict mode', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.schema.json'));
    for (const f of files) expect(() => schemaValidator(f), f).not.toThrow();
  });

  it('names the file and field when data is invalid', () => {
    expect(() => assertValid('no-such.schema.json', {})).toThrow();
  });
});
