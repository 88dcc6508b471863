import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { localDate, localYear, ProcessingTime, toLocalIso } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import { LegalClockProvider } from '../calendar/legal-clock.provider';
import { CatalogRepository } from './catalog.repository';
import { managerOf } from '@motcua/messaging';

export interface AppointmentView {
  procedureCode: string;
  processingTime: ProcessingTime;
  receivedAt: string;
  countingStartsAt: string;
  appointmentAt: string;
  /** True when the appointment falls in a year whose schedule is not stored (counted Monday–Friday). */
  provisional: boolean;
  unscheduledYears: number[];
}

/**
 * The appointment the legal clock gives for a procedure received at an instant (portals show it before
 * the citizen submits). The year of receipt must have a stored schedule; an appointment reaching into a
 * year without one is answered as provisional.
 */
@Injectable()
export class ComputeAppointmentUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogRepository,
    private readonly clocks: LegalClockProvider,
  ) {}

  /** `agencyCode`: the receiving agency whose office hours apply (default: the province's). */
  async execute(procedureCode: string, receivedAt: Date, agencyCode?: string): Promise<AppointmentView> {
    if (!(await this.catalog.procedureExists(managerOf(this.db), procedureCode))) {
      throw new DomainError('INTAKE.PROCEDURE_NOT_FOUND', 'NOT_FOUND', `Không tìm thấy thủ tục ${procedureCode}`);
    }
    if (agencyCode && !(await this.catalog.findAgency(managerOf(this.db), agencyCode))) {
      throw new DomainError('INTAKE.AGENCY_NOT_FOUND', 'UNPROCESSABLE', 'Không tìm thấy cơ quan tiếp nhận', [
        { field: 'agencyCode', rule: 'exists', message: `Cơ quan ${agencyCode} không có trong danh mục` },
      ]);
    }
    const clock = agencyCode ? await this.clocks.clockFor(managerOf(this.db), agencyCode) : await this.clocks.clock();
    const year = localYear(receivedAt);
    if (clock.unscheduledYears(receivedAt, receivedAt).length) {
      throw new DomainError('INTAKE.CALENDAR_YEAR_UNKNOWN', 'UNPROCESSABLE', `Chưa có lịch làm việc của năm ${year}`, [
        {
          field: 'receivedAt',
          rule: 'scheduleExists',
          message: `Chưa có lịch ngày nghỉ, ngày làm bù của năm ${year} để tính ngày hẹn trả`,
        },
      ]);
    }
    // the version in effect at the instant of receipt
    const procedure = await this.catalog.findProcedure(managerOf(this.db), procedureCode, receivedAt);
    if (!procedure) {
      throw new DomainError('INTAKE.PROCEDURE_NOT_IN_EFFECT', 'UNPROCESSABLE', `Thủ tục ${procedureCode} không có phiên bản hiệu lực`, [
        {
          field: 'receivedAt',
          rule: 'versionInEffect',
          message: `Thủ tục ${procedureCode} không có phiên bản hiệu lực vào ngày ${localDate(receivedAt)}`,
        },
      ]);
    }
    const appointmentAt = clock.addDuration(receivedAt, procedure.processingTime);
    const unscheduledYears = clock.unscheduledYears(receivedAt, appointmentAt);
    return {
      procedureCode: procedure.code,
      processingTime: procedure.processingTime,
      receivedAt: toLocalIso(receivedAt),
      countingStartsAt: toLocalIso(clock.countingStart(receivedAt)),
      appointmentAt: toLocalIso(appointmentAt),
      provisional: unscheduledYears.length > 0,
      unscheduledYears,
    };
  }
}
