/*
 * Phi địa giới: a centre receives any procedure of any agency in its province and the dossier goes to the
 * competent agency; a procedure whose competent agency is in another province is refused, naming the rule.
 */
import { AuthUser } from '@motcua/auth';
import { bearer, RunningIntake, startIntake } from './intake-test-kit';

const admin: AuthUser = { sub: 'admin1', name: 'Quản trị', roles: ['ADMIN'], agencyCode: '000.00.00.H56' };
const clerk: AuthUser = { sub: 'clerk1', name: 'Lê Thị Thu', roles: ['COUNTER_CLERK'], agencyCode: '000.00.06.H56' };
const HA_NOI = '000.00.00.H26';

const counter = (procedureCode: string) => ({
  procedureCode,
  channel: 'COUNTER',
  applicant: { fullName: 'Nguyễn Văn Thử', idNumber: '038190001234', phone: '0912000001' },
  resultDelivery: 'COUNTER',
});

describe('phi địa giới: reception anywhere in the province, not beyond', () => {
  let intake: RunningIntake;

  beforeAll(async () => {
    intake = await startIntake('intake_phi_dia_gioi');
  });

  afterAll(async () => {
    await intake?.close();
  });

  it('the provincial centre receives a commune procedure and the dossier goes to the commune', async () => {
    const res = await intake
      .http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .send(counter('1.001193'))
      .expect(201);
    expect(res.body).toMatchObject({ receivingAgencyCode: '000.00.06.H56', competentAgencyCode: '000.21.01.H56' });
  });

  it("refuses a procedure of another province's agency, stores nothing", async () => {
    await intake
      .http()
      .post('/api/intake/v1/agencies')
      .set('Authorization', bearer(admin))
      .send({
        code: HA_NOI,
        name: 'Ủy ban nhân dân thành phố Hà Nội',
        level: 'PROVINCE',
        provinceCode: '01',
        tree: 'TWO_LEVEL',
        validFrom: '2025-07-01',
      })
      .expect(201);
    await intake
      .http()
      .post('/api/intake/v1/procedures')
      .set('Authorization', bearer(admin))
      .send({
        code: 'T.HANOI',
        nationalCode: '1.009998',
        name: 'Thủ tục của thành phố Hà Nội',
        fieldCode: 'KHAC',
        fieldName: 'Khác',
        level: 'PROVINCE',
        competentAgencyCode: HA_NOI,
        components: [{ code: 'TP01', name: 'Tờ khai', form: 'ORIGINAL', quantity: 1, required: true }],
        processingTime: { value: 5, unit: 'WORKING_DAYS' },
        fees: [],
        onlineLevel: 'FULL',
        postMayCarryDossier: true,
        postMayCarryResult: true,
        effectiveFrom: '2025-01-01',
      })
      .expect(201);
    const before = await intake.count('dossier');
    const res = await intake
      .http()
      .post('/api/intake/v1/dossiers')
      .set('Authorization', bearer(clerk))
      .send(counter('T.HANOI'))
      .expect(422);
    expect(res.body.error).toMatchObject({ code: 'INTAKE.OUTSIDE_PROVINCE' });
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'procedureCode', rule: 'competentAgencyInProvince' })]);
    expect(await intake.count('dossier')).toBe(before);
  });
});
