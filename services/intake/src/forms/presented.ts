import type { FieldProblem } from '@motcua/platform';
import type { ProcedureComponent } from '../catalog/procedure.entity';
import type { PresentedComponent } from './completeness';
import { resolveComponent } from './completeness';

export type ResolvedComponent = PresentedComponent & { index: number; name: string };

/**
 * The presented components resolved against the procedure's list (by index or NFC name), and every
 * problem with the request at once (`{prefix}components.0.index`, `{prefix}applicableConditional.1`, …).
 */
export function resolvePresented(
  components: ProcedureComponent[],
  given: PresentedComponent[],
  applicable: number[],
  prefix = '',
): { presented: ResolvedComponent[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const presented = given.flatMap((p, i) => {
    if (p.index === undefined && p.name === undefined) {
      problems.push({ field: `${prefix}components.${i}`, rule: 'indexOrName', message: 'Cần số thứ tự hoặc tên thành phần hồ sơ' });
      return [];
    }
    const index = resolveComponent(components, p);
    if (index === null) {
      const field = p.index !== undefined ? `${prefix}components.${i}.index` : `${prefix}components.${i}.name`;
      problems.push({ field, rule: 'componentOfProcedure', message: 'Thành phần không thuộc danh mục thành phần hồ sơ của thủ tục' });
      return [];
    }
    return [{ index, name: components[index - 1].name, form: p.form, quantity: p.quantity }];
  });
  applicable.forEach((index, i) => {
    const c = components[index - 1];
    if (!c || c.required) {
      problems.push({
        field: `${prefix}applicableConditional.${i}`,
        rule: 'conditionalComponent',
        message: 'Không phải thành phần hồ sơ có điều kiện của thủ tục',
      });
    }
  });
  return { presented, problems };
}
