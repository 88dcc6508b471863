import { EventLogEntry } from '../events/event-log.entity';
import { DossierFact } from '../facts/dossier-fact.entity';
import { ProcedureField } from '../facts/procedure-field.entity';
import { Initial1795601742362 } from './migrations/1795601742362-initial';
import { ReportingFacts1795603861983 } from './migrations/1795603861983-reporting-facts';

export const REPORTING_ENTITIES = [EventLogEntry, DossierFact, ProcedureField];
export const REPORTING_MIGRATIONS = [Initial1795601742362, ReportingFacts1795603861983];
