import { describe } from 'vitest';
import { borderCrossing } from './border-crossing.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('border crossing', () => runScenarios(borderCrossing));
