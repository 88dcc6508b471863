import { EXAMPLE_POSTAGE_TARIFF, postageFor, zoneOf } from './tariff';

describe('postage tariff', () => {
  const centre = { communeCode: '14755', provinceCode: '38' };

  it('zones a destination from the centre: same commune, same province, other province', () => {
    expect(zoneOf(centre, { communeCode: '14755', provinceCode: '38' })).toBe('SAME_COMMUNE');
    expect(zoneOf(centre, { communeCode: '14758', provinceCode: '38' })).toBe('SAME_PROVINCE');
    expect(zoneOf(centre, { communeCode: '14755', provinceCode: '01' })).toBe('OTHER_PROVINCE');
    expect(zoneOf(centre, { communeCode: null, provinceCode: null })).toBe('OTHER_PROVINCE');
  });

  it('takes the lightest band that holds the weight, the heaviest above every band, none for a zone without bands', () => {
    expect(postageFor([...EXAMPLE_POSTAGE_TARIFF], 'SAME_PROVINCE', 1)).toBe(20_000);
    expect(postageFor([...EXAMPLE_POSTAGE_TARIFF], 'SAME_PROVINCE', 250)).toBe(20_000);
    expect(postageFor([...EXAMPLE_POSTAGE_TARIFF], 'SAME_PROVINCE', 251)).toBe(24_000);
    expect(postageFor([...EXAMPLE_POSTAGE_TARIFF], 'OTHER_PROVINCE', 50_000)).toBe(48_000);
    expect(postageFor([{ zone: 'SAME_COMMUNE', maxWeightGrams: 100, postageVnd: 1 }], 'OTHER_PROVINCE', 10)).toBeNull();
  });
});
