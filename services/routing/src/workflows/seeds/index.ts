import type { StepDefinition } from '../workflow-definition';
import { BIRTH_RESIDENCE_HEALTH_INSURANCE } from './birth-residence-health-insurance.workflow';
import { DEATH_RESIDENCE_BURIAL } from './death-residence-burial.workflow';
import { LAND_USE_CERTIFICATE } from './land-use-certificate.workflow';

export interface WorkflowSeed {
  procedureCode: string;
  name: string;
  steps: StepDefinition[];
}

/** Loaded as version 1 of each procedure at start when the procedure has no version 1 yet. */
export const WORKFLOW_SEEDS: readonly WorkflowSeed[] = [BIRTH_RESIDENCE_HEALTH_INSURANCE, LAND_USE_CERTIFICATE, DEATH_RESIDENCE_BURIAL];
