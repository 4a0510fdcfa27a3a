import { describe } from 'vitest';
import { renewalOnExpiry } from './renewal-on-expiry.scenario.ts';
import { runScenarios } from './run-scenario.test-helper.ts';

describe('renewal on expiry', () => runScenarios(renewalOnExpiry));
