import { describe } from 'vitest';
import { accidentVictim } from './accident-victim.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('accident victim', () => runScenarios(accidentVictim));
