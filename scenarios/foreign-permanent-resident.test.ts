import { describe } from 'vitest';
import { foreignPermanentResident } from './foreign-permanent-resident.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('foreign permanent resident', () => runScenarios(foreignPermanentResident));
