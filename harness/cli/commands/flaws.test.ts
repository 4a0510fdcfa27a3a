import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.ts';

describe('dactylo flaws', () => {
  it('lists flaws as JSON and as tab-separated lines', async () => {
    const json = await runCli(['flaws', '--json']);
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as { id: string; caughtBy: string[] }[];
    expect(list.find((f) => f.id === 'exact-timestamps')?.caughtBy).toEqual(['DEP-QID-01']);
    const text = await runCli(['flaws']);
    expect(text.stdout.split('\n')).toContain('pii-in-logs\tIIN and name in the request log\tDEP-PII-02');
  });
});
