import { checkCondition, DossierFacts, evaluate, StepCondition } from './step-condition';

const facts: DossierFacts = {
  procedureCode: 'LT.KT-XTT-MT',
  channel: 'COUNTER',
  resultDeliveryMethod: 'POST',
  receivingAgencyCode: '000.00.06.H56',
  competentAgencyCode: '000.21.01.H56',
  receivedAt: '2026-11-25T02:00:00.000Z',
  appointmentAt: '2026-12-02T09:00:00.000Z',
  'deliveryAddress.communeCode': '16279',
  'deliveryAddress.provinceCode': '38',
};

describe('step conditions', () => {
  it.each<[StepCondition, boolean]>([
    [{ field: 'resultDeliveryMethod', eq: 'POST' }, true],
    [{ field: 'resultDeliveryMethod', eq: 'COUNTER' }, false],
    [{ field: 'channel', in: ['COUNTER', 'POSTAL'] }, true],
    [
      {
        all: [
          { field: 'channel', eq: 'COUNTER' },
          { field: 'deliveryAddress.provinceCode', eq: '38' },
        ],
      },
      true,
    ],
    [
      {
        all: [
          { field: 'channel', eq: 'COUNTER' },
          { field: 'deliveryAddress.provinceCode', eq: '01' },
        ],
      },
      false,
    ],
    [
      {
        any: [
          { field: 'channel', eq: 'ONLINE' },
          { field: 'deliveryAddress.provinceCode', eq: '38' },
        ],
      },
      true,
    ],
    [{ any: [] }, false],
    [{ all: [] }, true],
    [{ not: { field: 'channel', eq: 'ONLINE' } }, true],
    [{ field: 'applicant.email', exists: false }, true],
    [{ field: 'deliveryAddress.communeCode', exists: true }, true],
    // a fact the dossier lacks: eq / in / lt / gt do not hold (and not() of them does)
    [{ field: 'applicant.email', eq: 'a@b.vn' }, false],
    [{ not: { field: 'deliveryAddress.districtCode', in: ['380'] } }, true],
    [{ field: 'receivedAt', lt: '2026-11-25T10:00:00+07:00' }, true],
    [{ field: 'receivedAt', gt: '2026-11-25T10:00:00+07:00' }, false],
  ])('%j → %s', (cond, expected) => {
    expect(checkCondition(cond, 'c')).toEqual([]);
    expect(evaluate(cond, facts)).toBe(expected);
  });

  it.each<[unknown, string, string]>([
    ['POST', 'c', 'conditionShape'],
    [{ field: 'hoTen', eq: 'x' }, 'c.field', 'knownField'],
    [{ field: 'channel' }, 'c', 'oneOperator'],
    [{ field: 'channel', eq: 'A', in: ['B'] }, 'c', 'oneOperator'],
    [{ field: 'channel', like: 'A' }, 'c.like', 'knownOperator'],
    [{ field: 'channel', eq: { a: 1 } }, 'c.eq', 'isScalar'],
    [{ field: 'channel', in: [] }, 'c.in', 'isScalarArray'],
    [{ field: 'channel', exists: 'yes' }, 'c.exists', 'isBoolean'],
    [{ field: 'channel', lt: 'B' }, 'c.lt', 'comparable'],
    [{ field: 'receivedAt', gt: 'hôm qua' }, 'c.gt', 'comparable'],
    [{ all: { field: 'channel', eq: 'A' } }, 'c.all', 'isArray'],
    [{ all: [{ field: 'channel', eq: 'A' }, { any: [{ fields: 'x' }] }] }, 'c.all.1.any.0', 'conditionShape'],
    [{ not: { field: 'channel', eq: 'A' }, field: 'channel' }, 'c', 'conditionShape'],
    [
      JSON.parse('{"not":'.repeat(10) + '{"field":"channel","eq":"A"}' + '}'.repeat(10)),
      'c.not.not.not.not.not.not.not.not.not',
      'conditionMaxDepth',
    ],
  ])('%j is refused at %s (%s)', (cond, field, rule) => {
    expect(checkCondition(cond, 'c')).toContainEqual(expect.objectContaining({ field, rule }));
  });
});
