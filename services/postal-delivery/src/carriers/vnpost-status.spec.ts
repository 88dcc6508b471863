import fc from 'fast-check';
import { carrierEventId } from './carrier-event-id';
import { DeliveryState, shouldApply, VNPOST_STATUS } from './vnpost-status';

/** Folds updates as the use case does: state and the carrier time of the update that set it. */
function fold(updates: Array<{ status: number; at: number }>): { state: DeliveryState; status: number | null } {
  let state: DeliveryState = 'PENDING';
  let status: number | null = null;
  let lastAt: Date | null = null;
  for (const u of updates) {
    const next = VNPOST_STATUS[u.status].state;
    if (shouldApply(state, next, lastAt, new Date(u.at))) {
      state = next;
      status = u.status;
      lastAt = new Date(u.at);
    }
  }
  return { state, status };
}

/** A carrier history: created, carried, 1..n delivery attempts, then delivered (maybe COD paid) or returned. */
const history = fc
  .record({ failures: fc.integer({ min: 0, max: 3 }), returned: fc.boolean(), cod: fc.boolean() })
  .map(({ failures, returned, cod }) => {
    const codes = [1, 2, 6, 7, 10, 11];
    for (let i = 0; i < failures; i++) codes.push(12, 15);
    if (returned) codes.push(16, 17, 18, 19);
    else codes.push(12, 14, ...(cod ? [21] : []));
    return codes.map((status, i) => ({ status, at: 1_700_000_000_000 + i * 1000 }));
  });

describe('carrier status normalisation', () => {
  it('ends in the same state whatever order the updates arrive in, duplicates included', () => {
    fc.assert(
      fc.property(
        history.chain((h) => fc.tuple(fc.constant(h), fc.shuffledSubarray([...h, ...h], { minLength: 2 * h.length }))),
        ([inOrder, shuffled]) => {
          expect(fold(shuffled)).toEqual(fold(inOrder));
        },
      ),
    );
  });

  it('never lets a late update undo a final state', () => {
    for (const late of [1, 6, 10, 12, 15, 16]) {
      expect(shouldApply('DELIVERED', VNPOST_STATUS[late].state, new Date(1000), new Date(2000))).toBe(false);
      expect(shouldApply('RETURNED', VNPOST_STATUS[late].state, new Date(1000), new Date(2000))).toBe(false);
    }
    expect(shouldApply('DELIVERED', 'RETURNED', new Date(1000), new Date(2000))).toBe(false);
    // an older attempt's failure does not override a newer re-attempt
    expect(shouldApply('OUT_FOR_DELIVERY', 'DELIVERY_FAILED', new Date(2000), new Date(1000))).toBe(false);
    expect(shouldApply('OUT_FOR_DELIVERY', 'DELIVERY_FAILED', new Date(1000), new Date(2000))).toBe(true);
  });

  it('gives a status change the same identity on every path, and tells attempts apart', () => {
    const t = new Date('2026-11-25T09:00:00.123+07:00');
    expect(carrierEventId('EM000000015VN', 12, t, 'Phát lần 1')).toBe(
      carrierEventId('EM000000015VN', 12, new Date(t.getTime()), 'Phát lần 1'),
    );
    expect(carrierEventId('EM000000015VN', 12, t, 'Phát lần 1')).not.toBe(carrierEventId('EM000000015VN', 12, t, 'Phát lần 2'));
    expect(carrierEventId('EM000000015VN', 12, t)).not.toBe(carrierEventId('EM000000015VN', 15, t));
  });
});
