import type { Role } from '@motcua/auth';
import { AGENCY_CODE_PATTERN } from '@motcua/contracts';
import type { FieldProblem } from '@motcua/platform';
import { checkCondition, StepCondition } from './step-condition';

/** Where a step runs: a fixed agency, or one taken from the dossier. */
export type AgencyRule = 'competentAgency' | 'receivingAgency';
export type StepAgency = { code: string } | { rule: AgencyRule };

/** Roles that may hold a step (an approval step is held by APPROVER). */
export const STEP_ROLES = ['SPECIALIST', 'APPROVER'] as const satisfies readonly Role[];
export type StepRole = (typeof STEP_ROLES)[number];

/** A step's time budget in working time; absent → the dossier's appointment. */
export interface StepBudget {
  workingDays?: number;
  workingHours?: number;
}

export interface StepDefinition {
  /** Stable key within the definition, e.g. `khai-sinh`. */
  key: string;
  name: string;
  agency: StepAgency;
  role: StepRole;
  budget?: StepBudget;
  /**
   * Keys of the steps that must be completed before this one starts: none for a first step, one for a
   * sequence, several for a join after parallel branches. Each must name a step listed earlier.
   */
  after?: string[];
  /**
   * Runs only when this holds for the dossier (see step-condition.ts); otherwise the step is skipped
   * and the steps after it go on as if it were done. The last step has none.
   */
  condition?: StepCondition;
}

export interface WorkflowSteps {
  steps: StepDefinition[];
}

export const AGENCY_RULES: readonly AgencyRule[] = ['competentAgency', 'receivingAgency'];

const problem = (field: string, rule: string, message: string): FieldProblem => ({ field, rule, message });

/**
 * Checks what the DTO cannot: unique keys, `after` naming earlier steps (so the graph has no cycle),
 * exactly one agency form per step, a positive budget, and exactly one last step (whose completion
 * resolves the dossier). Answers the problems (empty when valid).
 */
export function checkDefinition(def: WorkflowSteps): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (!def.steps.length) out.push(problem('steps', 'arrayMinSize', 'Quy trình phải có ít nhất một bước'));
  const seen = new Set<string>();
  def.steps.forEach((s, i) => {
    const at = `steps.${i}`;
    if (seen.has(s.key)) out.push(problem(`${at}.key`, 'uniqueStepKey', `Mã bước "${s.key}" bị trùng`));
    const agency = s.agency as { code?: string; rule?: string };
    const hasCode = typeof agency.code === 'string';
    const hasRule = typeof agency.rule === 'string';
    if (hasCode === hasRule) out.push(problem(`${at}.agency`, 'agencyCodeOrRule', 'Cơ quan xử lý phải là một mã cơ quan hoặc một quy tắc'));
    if (hasCode && !AGENCY_CODE_PATTERN.test(agency.code!))
      out.push(problem(`${at}.agency.code`, 'isAgencyCode', 'Mã cơ quan phải có dạng LLL.LL.LL.XNN'));
    if (hasRule && !AGENCY_RULES.includes(agency.rule as AgencyRule))
      out.push(problem(`${at}.agency.rule`, 'isIn', 'Quy tắc xác định cơ quan không được hỗ trợ'));
    if (s.budget && !((s.budget.workingDays ?? 0) + (s.budget.workingHours ?? 0) > 0))
      out.push(problem(`${at}.budget`, 'positiveBudget', 'Thời hạn xử lý của bước phải lớn hơn 0'));
    for (const [j, key] of (s.after ?? []).entries()) {
      if (!seen.has(key)) out.push(problem(`${at}.after.${j}`, 'earlierStep', `Bước "${key}" phải được khai báo trước bước "${s.key}"`));
    }
    if (s.condition !== undefined) out.push(...checkCondition(s.condition, `${at}.condition`));
    seen.add(s.key);
  });
  if (!out.length) {
    const sinks = def.steps.filter((s) => successors(def, s.key).length === 0);
    if (sinks.length !== 1)
      out.push(problem('steps', 'singleLastStep', 'Quy trình phải có đúng một bước cuối (hoàn thành bước đó là có kết quả)'));
    else if (sinks[0].condition !== undefined) {
      const i = def.steps.indexOf(sinks[0]);
      out.push(problem(`steps.${i}.condition`, 'unconditionalLastStep', 'Bước cuối (trả kết quả) không được có điều kiện'));
    }
  }
  return out;
}

export function stepOf(def: WorkflowSteps, key: string): StepDefinition | undefined {
  return def.steps.find((s) => s.key === key);
}

export function successors(def: WorkflowSteps, key: string): StepDefinition[] {
  return def.steps.filter((s) => (s.after ?? []).includes(key));
}

export function firstSteps(def: WorkflowSteps): StepDefinition[] {
  return def.steps.filter((s) => !(s.after ?? []).length);
}

/** Every step that must be completed before `key` (transitively). */
export function ancestors(def: WorkflowSteps, key: string): Set<string> {
  const out = new Set<string>();
  const visit = (k: string) => {
    for (const p of stepOf(def, k)?.after ?? []) {
      if (!out.has(p)) {
        out.add(p);
        visit(p);
      }
    }
  };
  visit(key);
  return out;
}

/** Every step that comes after `key` (transitively). */
export function descendants(def: WorkflowSteps, key: string): Set<string> {
  const out = new Set<string>();
  const visit = (k: string) => {
    for (const s of successors(def, k)) {
      if (!out.has(s.key)) {
        out.add(s.key);
        visit(s.key);
      }
    }
  };
  visit(key);
  return out;
}

/** The workflow of a procedure without a definition: one step at the competent agency, due at the appointment. */
export function fallbackDefinition(procedureName: string): WorkflowSteps {
  return {
    steps: [{ key: 'resolve', name: `Giải quyết hồ sơ: ${procedureName}`, agency: { rule: 'competentAgency' }, role: 'SPECIALIST' }],
  };
}
