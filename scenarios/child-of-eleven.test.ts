import { describe } from 'vitest';
import { childOfEleven } from './child-of-eleven.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('a child of eleven', () => runScenarios(childOfEleven));
