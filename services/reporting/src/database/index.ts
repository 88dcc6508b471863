import { CalendarYearSchedule } from '@motcua/platform';
import { EventLogEntry } from '../events/event-log.entity';
import { DossierFact } from '../facts/dossier-fact.entity';
import { ProcedureField } from '../facts/procedure-field.entity';
import { ReportingAgency } from '../facts/reporting-agency.entity';
import { ProjectionPosition } from '../projection/projection-position.entity';
import { FactSnapshot, FactSnapshotRow } from '../facts/fact-snapshot.entity';
import { AgencyDayCounts, AgencyDayTotals, AgencyMonthCounts } from '../aggregates/agency-counts.entity';
import { WorkingDay } from '../working-time/working-day.entity';
import { Initial1795601742362 } from './migrations/1795601742362-initial';
import { ReportingFacts1795603861983 } from './migrations/1795603861983-reporting-facts';
import { ReportingAggregates1795605033755 } from './migrations/1795605033755-reporting-aggregates';
import { CalendarYearSchedules1795606929966 } from './migrations/1795606929966-calendar-year-schedules';
import { ProjectionAndCounts1795700000000 } from './migrations/1795700000000-projection-and-counts';
import { IndicatorCounts1795710000000 } from './migrations/1795710000000-indicator-counts';
import { ProcessingTimeAndIntake1795720000000 } from './migrations/1795720000000-processing-time-and-intake';
import { LostPointsIndex1795730000000 } from './migrations/1795730000000-lost-points-index';
import { Digitization1795740000000 } from './migrations/1795740000000-digitization';

export const REPORTING_ENTITIES = [
  EventLogEntry,
  DossierFact,
  ProcedureField,
  ReportingAgency,
  CalendarYearSchedule,
  ProjectionPosition,
  AgencyDayCounts,
  AgencyMonthCounts,
  AgencyDayTotals,
  WorkingDay,
  FactSnapshot,
  FactSnapshotRow,
];
export const REPORTING_MIGRATIONS = [
  Initial1795601742362,
  ReportingFacts1795603861983,
  ReportingAggregates1795605033755,
  CalendarYearSchedules1795606929966,
  ProjectionAndCounts1795700000000,
  IndicatorCounts1795710000000,
  ProcessingTimeAndIntake1795720000000,
  LostPointsIndex1795730000000,
  Digitization1795740000000,
];
