import { describe } from 'vitest';
import { deceasedPerson } from './deceased-person.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('a deceased person', () => runScenarios(deceasedPerson));
