import { describe } from 'vitest';
import { missingFingers } from './missing-fingers.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('missing fingers', () => runScenarios(missingFingers));
