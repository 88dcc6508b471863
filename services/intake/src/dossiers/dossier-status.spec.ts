import { canMove, DOSSIER_STATUSES, DossierStatus, NATIONAL_STATUS_LABELS, TRANSITIONS } from './dossier-status';

const ALL = Object.keys(DOSSIER_STATUSES) as DossierStatus[];

describe('dossier statuses', () => {
  it('map each internal status to one national code 1–10 with its national label', () => {
    expect(Object.fromEntries(ALL.map((s) => [s, DOSSIER_STATUSES[s].national]))).toEqual({
      RECEIVED: 2,
      IN_PROCESS: 4,
      SUPPLEMENT_REQUESTED: 5,
      WITHDRAWN: 7,
      STOPPED: 8,
      RESOLVED: 9,
      RETURNED: 10,
    });
    for (const s of ALL) expect(NATIONAL_STATUS_LABELS[DOSSIER_STATUSES[s].national]).toBeDefined();
    expect(Object.keys(NATIONAL_STATUS_LABELS).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('allow exactly the transitions of the table', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      [
        'RECEIVED→IN_PROCESS',
        'RECEIVED→SUPPLEMENT_REQUESTED',
        'RECEIVED→WITHDRAWN',
        'RECEIVED→STOPPED',
        'RECEIVED→RESOLVED',
        'RECEIVED→RETURNED',
        'IN_PROCESS→SUPPLEMENT_REQUESTED',
        'IN_PROCESS→WITHDRAWN',
        'IN_PROCESS→STOPPED',
        'IN_PROCESS→RESOLVED',
        'IN_PROCESS→RETURNED',
        'SUPPLEMENT_REQUESTED→IN_PROCESS',
        'SUPPLEMENT_REQUESTED→WITHDRAWN',
        'SUPPLEMENT_REQUESTED→STOPPED',
        'SUPPLEMENT_REQUESTED→RESOLVED',
        'SUPPLEMENT_REQUESTED→RETURNED',
        'RESOLVED→RETURNED',
      ].sort(),
    );
  });

  it('never move backwards to RECEIVED, never leave a final status, never stay in place', () => {
    for (const from of ALL) {
      expect(canMove(from, 'RECEIVED')).toBe(false);
      expect(canMove(from, from)).toBe(false);
    }
    for (const final of ['WITHDRAWN', 'STOPPED', 'RETURNED'] as const) expect(TRANSITIONS[final]).toEqual([]);
    expect(canMove('RESOLVED', 'IN_PROCESS')).toBe(false);
    expect(canMove('RESOLVED', 'SUPPLEMENT_REQUESTED')).toBe(false);
  });
});
