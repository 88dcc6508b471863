import { TransferPolicy } from './transfer-policy';

const CENTRE = '000.00.06.H56';
const POLICE = '000.00.20.H56';
const COMMUNE = '000.21.01.H56';

describe('TransferPolicy', () => {
  it('by default: counter and postal dossiers have paper, which travels to every agency', () => {
    const p = new TransferPolicy({ paperTransferChannels: 'COUNTER,POSTAL', paperTransferAgencies: '*' });
    expect([p.hasPaper('COUNTER', false), p.hasPaper('POSTAL', false), p.hasPaper('ONLINE', false)]).toEqual([true, true, false]);
    expect(p.hasPaper('ONLINE', true)).toBe(true); // the procedure wants the paper originals
    expect([p.travelsTo(POLICE, CENTRE), p.travelsTo(COMMUNE, CENTRE)]).toEqual([true, true]);
  });

  it('a list of agencies limits where the paper goes; the centre always gets it back; "-" turns channels off', () => {
    const p = new TransferPolicy({ paperTransferChannels: '-', paperTransferAgencies: POLICE });
    expect([p.travelsTo(POLICE, CENTRE), p.travelsTo(COMMUNE, CENTRE), p.travelsTo(CENTRE, CENTRE)]).toEqual([true, false, true]);
    expect([p.hasPaper('COUNTER', false), p.hasPaper('COUNTER', true)]).toEqual([false, true]);
    const none = new TransferPolicy({ paperTransferChannels: 'COUNTER', paperTransferAgencies: '-' });
    expect(none.travelsTo(POLICE, CENTRE)).toBe(false);
  });
});
