import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { DomainError } from './errors';
import { ApiValidationPipe, normalizeNfc } from './validation';

class Person {
  @IsString() @Length(1, 100) fullName!: string;
}
class Body {
  @ValidateNested() @Type(() => Person) applicant!: Person;
  @IsOptional() @IsString() note?: string;
}

async function problems(value: unknown, meta: Parameters<ApiValidationPipe['transform']>[1]) {
  try {
    await new ApiValidationPipe().transform(value, meta);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return (err as DomainError).details;
  }
  throw new Error('no error');
}

describe('ApiValidationPipe', () => {
  const body = { type: 'body', metatype: Body } as const;

  it('normalises Vietnamese text to NFC', async () => {
    const nfd = 'Nguyễn Văn Ánh'.normalize('NFD');
    const out = (await new ApiValidationPipe().transform({ applicant: { fullName: nfd } }, body)) as Body;
    expect(out.applicant.fullName).toBe('Nguyễn Văn Ánh'.normalize('NFC'));
    expect(normalizeNfc(['e\u0301'])).toEqual(['é']);
  });

  it('refuses NUL and other control characters anywhere, naming the field, and keeps tabs and line breaks', async () => {
    expect(await problems({ applicant: { fullName: 'Lê\u0000Thị' } }, body)).toEqual([
      { field: 'applicant.fullName', rule: 'noControlCharacters', message: expect.stringContaining('applicant.fullName') },
    ]);
    expect(await problems({ applicant: { fullName: 'An' }, note: 'a\u001bb' }, body)).toEqual([expect.objectContaining({ field: 'note' })]);
    const ok = (await new ApiValidationPipe().transform({ applicant: { fullName: 'An' }, note: 'dòng 1\n\tdòng 2\r\n' }, body)) as Body;
    expect(ok.note).toContain('\t');
  });

  it('refuses a control character in a path parameter or a query', async () => {
    expect(await problems('000.00.06.H56-261125-0001\u0000', { type: 'param', data: 'code', metatype: String })).toEqual([
      expect.objectContaining({ field: 'code', rule: 'noControlCharacters' }),
    ]);
    expect(await problems({ q: ['x', 'y\u0000'] }, { type: 'query', metatype: Object })).toEqual([
      expect.objectContaining({ field: 'q.1', rule: 'noControlCharacters' }),
    ]);
  });

  it('reports unknown fields and rule violations with field and rule', async () => {
    const details = await problems({ applicant: { fullName: '' }, extra: 1 }, body);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'extra', rule: 'whitelistValidation' }),
        expect.objectContaining({ field: 'applicant.fullName', rule: 'isLength' }),
      ]),
    );
  });
});
