import { describe } from 'vitest';
import { missingRelative } from './missing-relative.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('missing relative', () => runScenarios(missingRelative));
