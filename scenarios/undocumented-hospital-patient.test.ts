import { describe } from 'vitest';
import { runScenarios } from './run-scenario.test-helper.ts';
import { undocumentedHospitalPatient } from './undocumented-hospital-patient.scenario.ts';

describe('undocumented hospital patient', () => runScenarios(undocumentedHospitalPatient));
