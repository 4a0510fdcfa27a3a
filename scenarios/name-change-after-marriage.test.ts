import { describe } from 'vitest';
import { nameChangeAfterMarriage } from './name-change-after-marriage.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('change of name after marriage', () => runScenarios(nameChangeAfterMarriage));
