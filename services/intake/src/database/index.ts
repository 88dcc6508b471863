import { CalendarYear } from '../calendar/calendar-year.entity';
import { Agency } from '../catalog/agency.entity';
import { Procedure } from '../catalog/procedure.entity';
import { DOSSIER_ENTITIES } from '../dossiers/dossier.repository';
import { DossierSupplement } from '../dossiers/dossier-supplement.entity';
import { DossierDocument } from '../documents/document.entity';
import { DossierEvaluation } from '../evaluation/dossier-evaluation.entity';
import { CompletenessCheck, FormNumberSequence } from '../forms/completeness-check.entity';
import { PortalSync } from '../portal/portal-sync.entity';
import { Initial1795600676023 } from './migrations/1795600676023-initial';
import { ProcessingTimeAndCalendarYears1795604038685 } from './migrations/1795604038685-processing-time-and-calendar-years';
import { AfterReceptionAndPortalSync1795605032597 } from './migrations/1795605032597-after-reception-and-portal-sync';
import { FormsAndDocuments1795606116184 } from './migrations/1795606116184-forms-and-documents';

export const INTAKE_ENTITIES = [
  Agency,
  Procedure,
  CalendarYear,
  ...DOSSIER_ENTITIES,
  DossierSupplement,
  DossierEvaluation,
  PortalSync,
  CompletenessCheck,
  FormNumberSequence,
  DossierDocument,
];
export const INTAKE_MIGRATIONS = [
  Initial1795600676023,
  ProcessingTimeAndCalendarYears1795604038685,
  AfterReceptionAndPortalSync1795605032597,
  FormsAndDocuments1795606116184,
];
