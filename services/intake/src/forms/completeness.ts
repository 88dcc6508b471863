import type { ProcedureComponent } from '../catalog/procedure.entity';

export type ComponentForm = ProcedureComponent['form'];
export type CompletenessOutcome = 'COMPLETE' | 'INCOMPLETE' | 'REFUSED';

/** A component the applicant presented at the counter. */
export interface PresentedComponent {
  /** 1-based position in the procedure's component list (or give `name`). */
  index?: number;
  name?: string;
  form: ComponentForm;
  quantity: number;
}

export interface MissingComponent {
  index: number;
  name: string;
  /** What is wrong: absent, a weaker form than required, or too few copies. */
  rule: 'present' | 'form' | 'quantity';
  reason: string;
}

const FORM_RANK: Record<ComponentForm, number> = { COPY: 0, CERTIFIED_COPY: 1, ORIGINAL: 2 };
export const FORM_LABEL: Record<ComponentForm, string> = {
  ORIGINAL: 'bản chính',
  CERTIFIED_COPY: 'bản sao có chứng thực',
  COPY: 'bản sao',
};

export const normaliseName = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** The 1-based index of a presented component in the procedure's list, or null when it matches none. */
export function resolveComponent(components: ProcedureComponent[], presented: Pick<PresentedComponent, 'index' | 'name'>): number | null {
  if (presented.index !== undefined) return presented.index >= 1 && presented.index <= components.length ? presented.index : null;
  const wanted = normaliseName(presented.name ?? '');
  const i = components.findIndex((c) => normaliseName(c.name) === wanted);
  return i < 0 ? null : i + 1;
}

/**
 * Everything missing at once: each required component (and each conditional one the clerk marked as
 * applicable) must be presented in at least the required form (original ≥ certified copy ≥ copy) and quantity;
 * a conditional component presented anyway is checked the same way.
 */
export function findMissing(
  components: ProcedureComponent[],
  presented: Array<PresentedComponent & { index: number }>,
  applicable: number[],
): MissingComponent[] {
  const missing: MissingComponent[] = [];
  components.forEach((c, i) => {
    const index = i + 1;
    const given = presented.filter((p) => p.index === index);
    const needed = c.required || applicable.includes(index);
    if (given.length === 0) {
      if (needed)
        missing.push({ index, name: c.name, rule: 'present', reason: `Thiếu ${c.name} (${FORM_LABEL[c.form]}, số lượng ${c.quantity})` });
      return;
    }
    const sufficient = given.filter((p) => FORM_RANK[p.form] >= FORM_RANK[c.form]);
    if (sufficient.length === 0) {
      missing.push({
        index,
        name: c.name,
        rule: 'form',
        reason: `${c.name}: cần ${FORM_LABEL[c.form]}, đã nộp ${FORM_LABEL[given[0].form]}`,
      });
      return;
    }
    const quantity = sufficient.reduce((n, p) => n + p.quantity, 0);
    if (quantity < c.quantity) {
      missing.push({
        index,
        name: c.name,
        rule: 'quantity',
        reason: `${c.name}: cần ${c.quantity} ${FORM_LABEL[c.form]}, đã nộp ${quantity}`,
      });
    }
  });
  return missing;
}
