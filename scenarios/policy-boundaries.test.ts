import { describe } from 'vitest';
import { POLICY_BOUNDARIES } from './all-scenarios.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('the enrolment policy at its exact boundaries', () => runScenarios(...POLICY_BOUNDARIES));
