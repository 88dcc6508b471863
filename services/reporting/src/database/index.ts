import { EventLogEntry } from '../events/event-log.entity';
import { DossierFact } from '../facts/dossier-fact.entity';
import { Initial1795601742362 } from './migrations/1795601742362-initial';

export const REPORTING_ENTITIES = [EventLogEntry, DossierFact];
export const REPORTING_MIGRATIONS = [Initial1795601742362];
