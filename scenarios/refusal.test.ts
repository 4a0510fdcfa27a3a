import { describe } from 'vitest';
import { refusal } from './refusal.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('refusal', () => runScenarios(refusal));
