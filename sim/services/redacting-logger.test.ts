import { describe, expect, it } from 'vitest';
import { redactingLogger, scrub } from './redacting-logger.ts';

describe('redacting logger', () => {
  const lines: string[] = [];
  const log = redactingLogger(
    (l) => lines.push(l),
    () => new Date('2025-01-01T00:00:00Z'),
  );

  it('replaces PII fields and never logs nested objects', () => {
    log({
      level: 'info',
      event: 'enrol',
      iin: '870212441482',
      surname: 'Нұрланова',
      givenName: 'Гаухар',
      birthDate: '1987-02-12',
      documentNumber: 'N82388846',
      applicationId: '3f0c6a2e-8a51-4c1e-9d7a-1b2c3d4e5f60',
      count: 3,
    });
    const line = JSON.parse(lines.at(-1) as string);
    expect(line).toEqual({
      time: '2025-01-01T00:00:00.000Z',
      level: 'info',
      event: 'enrol',
      iin: '[redacted]',
      surname: '[redacted]',
      givenName: '[redacted]',
      birthDate: '[redacted]',
      documentNumber: '[redacted]',
      applicationId: '3f0c6a2e-8a51-4c1e-9d7a-1b2c3d4e5f60',
      count: 3,
    });
    log({ level: 'warn', event: 'x', detail: { iin: '870212441482' } as unknown as string });
    expect(lines.at(-1)).not.toContain('870212441482');
    expect(log.written()).toBe(2);
  });

  it('scrubs IIN-, document-number- and date-shaped runs out of free text, keeping UUIDs', () => {
    expect(scrub('resident 870212441482 with N82388846 and 485563684 born 1987-02-12')).toBe(
      'resident [redacted] with [redacted] and [redacted] born [redacted]',
    );
    const uuid = '3f0c6a2e-8a51-4c1e-9d7a-123456789012';
    expect(scrub(`application ${uuid}`)).toBe(`application ${uuid}`);
    expect(scrub('x'.repeat(600)).length).toBe(501);
  });
});
