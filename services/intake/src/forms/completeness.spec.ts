import type { ProcedureComponent } from '../catalog/procedure.entity';
import { findMissing, resolveComponent } from './completeness';

const components: ProcedureComponent[] = [
  { name: 'Tờ khai đăng ký khai sinh', form: 'ORIGINAL', quantity: 1, required: true },
  { name: 'Giấy chứng sinh', form: 'CERTIFIED_COPY', quantity: 2, required: true },
  { name: 'Văn bản ủy quyền (nếu nộp thay)', form: 'COPY', quantity: 1, required: false },
];

describe('completeness against the procedure components', () => {
  it('resolves by index or by name (NFC, case and spaces ignored)', () => {
    expect(resolveComponent(components, { index: 2 })).toBe(2);
    expect(resolveComponent(components, { index: 4 })).toBeNull();
    expect(resolveComponent(components, { name: '  giấy   CHỨNG sinh ' })).toBe(2);
    expect(resolveComponent(components, { name: 'Giấy chứng sinh'.normalize('NFD') })).toBe(2);
    expect(resolveComponent(components, { name: 'Hộ chiếu' })).toBeNull();
  });

  it('is complete when every required component is there in a sufficient form and quantity', () => {
    expect(
      findMissing(
        components,
        [
          { index: 1, form: 'ORIGINAL', quantity: 1 },
          { index: 2, form: 'ORIGINAL', quantity: 1 },
          { index: 2, form: 'CERTIFIED_COPY', quantity: 1 },
        ],
        [],
      ),
    ).toEqual([]);
  });

  it('lists everything missing at once: absent, weaker form, too few, applicable conditional', () => {
    const missing = findMissing(components, [{ index: 2, form: 'COPY', quantity: 5 }], [3]);
    expect(missing.map((m) => [m.index, m.rule])).toEqual([
      [1, 'present'],
      [2, 'form'],
      [3, 'present'],
    ]);
    expect(missing[1].reason).toBe('Giấy chứng sinh: cần bản sao có chứng thực, đã nộp bản sao');
    expect(
      findMissing(
        components,
        [
          { index: 1, form: 'ORIGINAL', quantity: 1 },
          { index: 2, form: 'CERTIFIED_COPY', quantity: 1 },
        ],
        [],
      ),
    ).toEqual([expect.objectContaining({ index: 2, rule: 'quantity', reason: 'Giấy chứng sinh: cần 2 bản sao có chứng thực, đã nộp 1' })]);
  });

  it('does not ask for a conditional component that does not apply, but checks it when presented', () => {
    const base = [
      { index: 1, form: 'ORIGINAL' as const, quantity: 1 },
      { index: 2, form: 'CERTIFIED_COPY' as const, quantity: 2 },
    ];
    expect(findMissing(components, base, [])).toEqual([]);
    expect(findMissing(components, [...base, { index: 3, form: 'COPY', quantity: 1 }], [])).toEqual([]);
  });
});
