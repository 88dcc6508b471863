import { CalendarYear } from '../calendar/calendar-year.entity';
import { Agency } from '../catalog/agency.entity';
import { Procedure } from '../catalog/procedure.entity';
import { DOSSIER_ENTITIES } from '../dossiers/dossier.repository';
import { Initial1795600676023 } from './migrations/1795600676023-initial';
import { ProcessingTimeAndCalendarYears1795604038685 } from './migrations/1795604038685-processing-time-and-calendar-years';

export const INTAKE_ENTITIES = [Agency, Procedure, CalendarYear, ...DOSSIER_ENTITIES];
export const INTAKE_MIGRATIONS = [Initial1795600676023, ProcessingTimeAndCalendarYears1795604038685];
