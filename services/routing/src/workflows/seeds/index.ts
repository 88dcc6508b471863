import type { StepDefinition } from '../workflow-definition';
import { BIRTH_RESIDENCE_HEALTH_INSURANCE } from './birth-residence-health-insurance.workflow';

export interface WorkflowSeed {
  procedureCode: string;
  name: string;
  steps: StepDefinition[];
}

/** Loaded as version 1 of each procedure at start when the procedure has no version 1 yet. */
export const WORKFLOW_SEEDS: readonly WorkflowSeed[] = [BIRTH_RESIDENCE_HEALTH_INSURANCE];
