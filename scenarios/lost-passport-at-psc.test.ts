import { describe } from 'vitest';
import { lostPassportAtPsc } from './lost-passport-at-psc.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('lost passport at a PSC', () => runScenarios(lostPassportAtPsc));
