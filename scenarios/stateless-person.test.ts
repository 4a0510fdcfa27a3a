import { describe } from 'vitest';
import { runScenarios } from './run-scenario.test-helper.ts';
import { statelessPerson } from './stateless-person.scenario.ts';

describe('stateless person', () => runScenarios(statelessPerson));
