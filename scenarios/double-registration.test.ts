import { describe } from 'vitest';
import { doubleRegistration } from './double-registration.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('double registration', () => runScenarios(doubleRegistration));
