import type { CertificationContext } from '../harness/certify/certification-suite.ts';
import type { Evidence } from '../harness/requirements/evidence.ts';
import type { Capability } from '../harness/requirements/requirement.ts';

/**
 * One situation of the 2024 rules told as a story against a target: synthetic residents apply,
 * officers in their roles act through the contract, and the story checks both what must happen
 * and what must not (personal data in the vault, an answer that tells a role more than it needs).
 */
export interface Scenario {
  /** The test ID requirements name, `scenarios/<situation>`. */
  id: `scenarios/${string}`;
  title: string;
  /** The rule the story enacts, as the catalogue names it (POL-AGE-01, SCN-CHD-01 …). */
  rule: string;
  /** What the target must expose for the story to be told at all (else the evidence is `skipped`). */
  requires: readonly Capability[];
  run(ctx: CertificationContext): Promise<Evidence>;
}
