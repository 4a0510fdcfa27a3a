import { describe } from 'vitest';
import { runScenarios } from './run-scenario.test-helper.ts';
import { voluntaryTwelveToSixteen } from './voluntary-twelve-to-sixteen.scenario.ts';

describe('12 to 16, voluntary', () => runScenarios(voluntaryTwelveToSixteen));
