import type { Evidence } from '../requirements/evidence.ts';

/** A leakage attack: its test ID (as requirements list it), the requirement it evidences, and what it does. */
export interface LeakageAttack {
  id: string;
  requirement: string;
  title: string;
}

/** The success rate an attack measured, for the report's attack chart. */
export interface AttackOutcome {
  attack: string;
  requirement: string;
  successRate: number | null;
  trials: number;
}

export function attackOutcome(attack: LeakageAttack, successes: number, trials: number): AttackOutcome {
  return {
    attack: attack.id,
    requirement: attack.requirement,
    successRate: trials > 0 ? successes / trials : null,
    trials,
  };
}

/** Evidence of an attack that could not run: never read as a clean result. */
export function attackError(attack: LeakageAttack, reason: string): Evidence {
  return { test: attack.id, outcome: 'error', summary: `${attack.title}: could not run`, reason };
}

/** Evidence of an attack the target gives no way to run (a store or log it does not expose). */
export function attackSkipped(attack: LeakageAttack, reason: string): Evidence {
  return { test: attack.id, outcome: 'skipped', summary: `${attack.title}: not run`, reason };
}
