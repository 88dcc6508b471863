import { normaliseSmsReceipt, normaliseZaloReceipt, receiptSupersedes } from './delivery-status';

describe('SMS receipt normalisation', () => {
  it('maps provider statuses and codes', () => {
    expect(normaliseSmsReceipt('DELIVERED')).toBe('DELIVERED');
    expect(normaliseSmsReceipt('delivrd')).toBe('DELIVERED');
    expect(normaliseSmsReceipt('FAILED', 'SUBSCRIBER_ABSENT')).toBe('TEMPORARY_FAILURE');
    expect(normaliseSmsReceipt('FAILED', 'HANDSET_MEMORY_FULL')).toBe('TEMPORARY_FAILURE');
    expect(normaliseSmsReceipt('FAILED', 'NUMBER_NOT_IN_SERVICE')).toBe('PERMANENT_FAILURE');
    expect(normaliseSmsReceipt('FAILED', 'SUBSCRIBER_BLOCKED_ADVERTISING')).toBe('PERMANENT_FAILURE');
    expect(normaliseSmsReceipt('EXPIRED')).toBe('TEMPORARY_FAILURE');
    expect(normaliseSmsReceipt('ACCEPTED')).toBeNull();
  });

  it('never lets a later receipt undo a final one', () => {
    expect(receiptSupersedes(null, 'TEMPORARY_FAILURE')).toBe(true);
    expect(receiptSupersedes('TEMPORARY_FAILURE', 'DELIVERED')).toBe(true);
    expect(receiptSupersedes('TEMPORARY_FAILURE', 'PERMANENT_FAILURE')).toBe(true);
    expect(receiptSupersedes('TEMPORARY_FAILURE', 'TEMPORARY_FAILURE')).toBe(false);
    expect(receiptSupersedes('DELIVERED', 'TEMPORARY_FAILURE')).toBe(false);
    expect(receiptSupersedes('DELIVERED', 'PERMANENT_FAILURE')).toBe(false);
    expect(receiptSupersedes('PERMANENT_FAILURE', 'DELIVERED')).toBe(false);
  });

  it('maps Zalo delivery events; other webhook events are not receipts', () => {
    expect(normaliseZaloReceipt('user_received_message')).toBe('DELIVERED');
    expect(normaliseZaloReceipt('user_not_received_message', -201)).toBe('TEMPORARY_FAILURE');
    expect(normaliseZaloReceipt('user_not_received_message', -139)).toBe('PERMANENT_FAILURE');
    expect(normaliseZaloReceipt('user_not_received_message')).toBe('PERMANENT_FAILURE');
    expect(normaliseZaloReceipt('follow')).toBeNull();
  });
});
