/**
 * Realistic mistakes the reference system can be made to commit, one at a time, so that the
 * certification harness can prove it catches each (harness/flaws/catalogue.yaml describes them and
 * names the requirements that must fail). The clean reference plants none.
 */
export const PLANTED_FLAWS = [
  'pii-in-vault',
  'iin-hash-subject-id',
  'sequential-subject-id',
  'exact-timestamps',
  'pii-in-logs',
  'scores-in-responses',
  'no-rate-limit',
  'under-12-prints-stored',
  'no-consent-12-16',
  'deduplication-off',
  'templates-unencrypted',
  'audit-chain-breakable',
  'identification-role-check-missing',
  'idempotency-ignored',
  'refusal-in-vault',
] as const;

export type PlantedFlaw = (typeof PLANTED_FLAWS)[number];

export function isPlantedFlaw(id: string): id is PlantedFlaw {
  return (PLANTED_FLAWS as readonly string[]).includes(id);
}
