import { CalendarYear } from '../calendar/calendar-year.entity';
import { Agency } from '../catalog/agency.entity';
import { Procedure } from '../catalog/procedure.entity';
import { ProcedureVersion } from '../catalog/procedure-version.entity';
import { DOSSIER_ENTITIES } from '../dossiers/dossier.repository';
import { DossierSupplement } from '../dossiers/dossier-supplement.entity';
import { DossierDocument } from '../documents/document.entity';
import { DossierEvaluation } from '../evaluation/dossier-evaluation.entity';
import { CompletenessCheck, FormNumberSequence } from '../forms/completeness-check.entity';
import { PortalSync } from '../portal/portal-sync.entity';
import { IntegratorKey } from '../integrators/integrator-key.entity';
import { OnlineRequest } from '../integrators/online-request.entity';
import { Initial1795600676023 } from './migrations/1795600676023-initial';
import { ProcessingTimeAndCalendarYears1795604038685 } from './migrations/1795604038685-processing-time-and-calendar-years';
import { AfterReceptionAndPortalSync1795605032597 } from './migrations/1795605032597-after-reception-and-portal-sync';
import { FormsAndDocuments1795606116184 } from './migrations/1795606116184-forms-and-documents';
import { ReceptionChannels1795609251848 } from './migrations/1795609251848-reception-channels';
import { CatalogVersionsAndAgencyTree1795609373208 } from './migrations/1795609373208-catalog-versions-and-agency-tree';
import { DigitizedDocumentReuse1795610000000 } from './migrations/1795610000000-digitized-document-reuse';
import { OnlineRulesAndSupplementDeadline1795611000000 } from './migrations/1795611000000-online-rules-and-supplement-deadline';

export const INTAKE_ENTITIES = [
  Agency,
  Procedure,
  ProcedureVersion,
  CalendarYear,
  ...DOSSIER_ENTITIES,
  DossierSupplement,
  DossierEvaluation,
  PortalSync,
  CompletenessCheck,
  FormNumberSequence,
  DossierDocument,
  IntegratorKey,
  OnlineRequest,
];
export const INTAKE_MIGRATIONS = [
  Initial1795600676023,
  ProcessingTimeAndCalendarYears1795604038685,
  AfterReceptionAndPortalSync1795605032597,
  FormsAndDocuments1795606116184,
  ReceptionChannels1795609251848,
  CatalogVersionsAndAgencyTree1795609373208,
  DigitizedDocumentReuse1795610000000,
  OnlineRulesAndSupplementDeadline1795611000000,
];
