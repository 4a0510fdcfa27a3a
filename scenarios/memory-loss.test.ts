import { describe } from 'vitest';
import { memoryLoss } from './memory-loss.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('memory loss', () => runScenarios(memoryLoss));
