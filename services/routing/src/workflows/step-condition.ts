import { DossierReceivedV1 } from '@motcua/contracts';
import type { FieldProblem } from '@motcua/platform';

/**
 * A step's condition (JSON, stored with the definition): the step runs when it holds for the dossier,
 * else it is skipped (recorded on the control slip) and the steps after it go on as if it were done.
 *
 *   { "all": [ Condition, … ] }   every one holds (an empty list holds)
 *   { "any": [ Condition, … ] }   at least one holds
 *   { "not": Condition }
 *   { "field": "resultDeliveryMethod", "eq": "POST" }       one operator per leaf:
 *       eq (a string, number or boolean), in (a list of them), exists (true / false),
 *       lt / gt (a number, or an ISO instant for the instant fields)
 */
export type Scalar = string | number | boolean;
export type StepCondition =
  | { all: StepCondition[] }
  | { any: StepCondition[] }
  | { not: StepCondition }
  | { field: ConditionField; eq?: Scalar; in?: Scalar[]; exists?: boolean; lt?: number | string; gt?: number | string };

/** What routing knows of a dossier (from `dossier.received`), as the fields a condition may read. */
export interface DossierFacts {
  procedureCode: string;
  channel: string;
  resultDeliveryMethod: string;
  receivingAgencyCode: string;
  competentAgencyCode: string;
  receivedAt: string;
  appointmentAt: string;
  'applicant.phone'?: string;
  'applicant.email'?: string;
  'deliveryAddress.communeCode'?: string;
  'deliveryAddress.districtCode'?: string;
  'deliveryAddress.provinceCode'?: string;
}

export type ConditionField = keyof DossierFacts;

export const CONDITION_FIELDS: readonly ConditionField[] = [
  'procedureCode',
  'channel',
  'resultDeliveryMethod',
  'receivingAgencyCode',
  'competentAgencyCode',
  'receivedAt',
  'appointmentAt',
  'applicant.phone',
  'applicant.email',
  'deliveryAddress.communeCode',
  'deliveryAddress.districtCode',
  'deliveryAddress.provinceCode',
];
const INSTANT_FIELDS: readonly ConditionField[] = ['receivedAt', 'appointmentAt'];
const OPERATORS = ['eq', 'in', 'exists', 'lt', 'gt'] as const;
const MAX_DEPTH = 8;
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** The facts of a received dossier (instants normalised to UTC ISO). */
export function factsOf(e: DossierReceivedV1): DossierFacts {
  const facts: DossierFacts = {
    procedureCode: e.procedureCode,
    channel: e.channel,
    resultDeliveryMethod: e.resultDelivery,
    receivingAgencyCode: e.receivingAgencyCode,
    competentAgencyCode: e.competentAgencyCode,
    receivedAt: new Date(e.receivedAt).toISOString(),
    appointmentAt: new Date(e.appointmentAt).toISOString(),
  };
  if (e.applicant.phone) facts['applicant.phone'] = e.applicant.phone;
  if (e.applicant.email) facts['applicant.email'] = e.applicant.email;
  if (e.deliveryAddress) {
    facts['deliveryAddress.communeCode'] = e.deliveryAddress.communeCode;
    if (e.deliveryAddress.districtCode) facts['deliveryAddress.districtCode'] = e.deliveryAddress.districtCode;
    facts['deliveryAddress.provinceCode'] = e.deliveryAddress.provinceCode;
  }
  return facts;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const problem = (field: string, rule: string, message: string): FieldProblem => ({ field, rule, message });

/** Checks a condition's shape; problems name the path (e.g. `steps.2.condition.all.0.eq`) and the rule. */
export function checkCondition(cond: unknown, path: string, depth = 0): FieldProblem[] {
  if (depth > MAX_DEPTH) return [problem(path, 'conditionMaxDepth', `Điều kiện lồng nhau quá ${MAX_DEPTH} cấp`)];
  if (!isObject(cond)) return [problem(path, 'conditionShape', 'Điều kiện phải là một đối tượng JSON')];
  const keys = Object.keys(cond);
  for (const group of ['all', 'any'] as const) {
    if (group in cond) {
      if (keys.length !== 1) return [problem(path, 'conditionShape', `"${group}" phải đứng riêng trong một điều kiện`)];
      const list = cond[group];
      if (!Array.isArray(list)) return [problem(`${path}.${group}`, 'isArray', `"${group}" phải là một danh sách điều kiện`)];
      return list.flatMap((c, i) => checkCondition(c, `${path}.${group}.${i}`, depth + 1));
    }
  }
  if ('not' in cond) {
    if (keys.length !== 1) return [problem(path, 'conditionShape', '"not" phải đứng riêng trong một điều kiện')];
    return checkCondition(cond.not, `${path}.not`, depth + 1);
  }
  if (!('field' in cond)) return [problem(path, 'conditionShape', 'Điều kiện phải có "all", "any", "not" hoặc "field"')];
  const out: FieldProblem[] = [];
  const field = cond.field;
  if (typeof field !== 'string' || !CONDITION_FIELDS.includes(field as ConditionField)) {
    out.push(
      problem(`${path}.field`, 'knownField', `Trường "${String(field)}" không có trong dữ liệu hồ sơ (${CONDITION_FIELDS.join(', ')})`),
    );
  }
  const unknown = keys.filter((k) => k !== 'field' && !(OPERATORS as readonly string[]).includes(k));
  for (const k of unknown)
    out.push(problem(`${path}.${k}`, 'knownOperator', `Phép so sánh "${k}" không được hỗ trợ (${OPERATORS.join(', ')})`));
  const ops = keys.filter((k) => (OPERATORS as readonly string[]).includes(k));
  if (ops.length !== 1) {
    out.push(problem(path, 'oneOperator', 'Mỗi điều kiện so sánh phải có đúng một phép so sánh (eq, in, exists, lt, gt)'));
    return out;
  }
  const op = ops[0];
  const value = cond[op];
  if (op === 'eq' && !isScalar(value)) out.push(problem(`${path}.eq`, 'isScalar', '"eq" phải là chuỗi, số hoặc giá trị đúng/sai'));
  if (op === 'in' && !(Array.isArray(value) && value.length > 0 && value.every(isScalar))) {
    out.push(problem(`${path}.in`, 'isScalarArray', '"in" phải là danh sách không rỗng các chuỗi, số hoặc giá trị đúng/sai'));
  }
  if (op === 'exists' && typeof value !== 'boolean') out.push(problem(`${path}.exists`, 'isBoolean', '"exists" phải là true hoặc false'));
  if (op === 'lt' || op === 'gt') {
    const instant = INSTANT_FIELDS.includes(field as ConditionField);
    const ok = instant
      ? typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))
      : typeof value === 'number';
    if (!ok) {
      out.push(
        problem(
          `${path}.${op}`,
          'comparable',
          instant ? `"${op}" của trường thời điểm phải là thời điểm ISO 8601 có múi giờ` : `"${op}" phải là một số`,
        ),
      );
    }
  }
  return out;
}

/** Whether the condition holds for the dossier (a fact the dossier lacks makes eq / in / lt / gt false). */
export function evaluate(cond: StepCondition, facts: Partial<DossierFacts>): boolean {
  if ('all' in cond) return cond.all.every((c) => evaluate(c, facts));
  if ('any' in cond) return cond.any.some((c) => evaluate(c, facts));
  if ('not' in cond) return !evaluate(cond.not, facts);
  const value = facts[cond.field];
  if (cond.exists !== undefined) return (value !== undefined && value !== null) === cond.exists;
  if (value === undefined || value === null) return false;
  if (cond.eq !== undefined) return value === cond.eq;
  if (cond.in !== undefined) return cond.in.includes(value);
  const instant = INSTANT_FIELDS.includes(cond.field);
  const num = (v: number | string) => (instant ? Date.parse(String(v)) : Number(v));
  if (cond.lt !== undefined) return num(value) < num(cond.lt);
  if (cond.gt !== undefined) return num(value) > num(cond.gt);
  return false;
}
