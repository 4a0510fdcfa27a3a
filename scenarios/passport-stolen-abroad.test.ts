import { describe } from 'vitest';
import { passportStolenAbroad } from './passport-stolen-abroad.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('passport stolen abroad', () => runScenarios(passportStolenAbroad));
