import { describe } from 'vitest';
import { firstIdCardAt16 } from './first-id-card-at-16.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('first ID card at 16', () => runScenarios(firstIdCardAt16));
