import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@motcua/platform';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarYearRepository } from './calendar/calendar-year.repository';
import { LegalClockProvider } from './calendar/legal-clock.provider';
import { ReplaceYearScheduleUseCase } from './calendar/replace-year-schedule.use-case';
import { CatalogController } from './catalog/catalog.controller';
import { CatalogRepository } from './catalog/catalog.repository';
import { ComputeAppointmentUseCase } from './catalog/compute-appointment.use-case';
import { DemoSeed } from './catalog/demo-seed';
import { IntakeConfig } from './config/intake.config';
import { INTAKE_ENTITIES, INTAKE_MIGRATIONS } from './database';
import { AdvanceDossierUseCase } from './dossiers/advance-dossier.use-case';
import { DossierEventsController } from './dossiers/dossier-events.controller';
import { DossierController } from './dossiers/dossier.controller';
import { DossierRepository } from './dossiers/dossier.repository';
import { ReceiveDossierUseCase } from './dossiers/receive-dossier.use-case';
import { LookupController } from './lookup/lookup.controller';
import { DOCUMENT_STORAGE, LocalDiskStorage } from './documents/document-storage';
import { DocumentUploadInterceptor } from './documents/document-upload';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsRepository } from './documents/documents.repository';
import { UploadDocumentUseCase } from './documents/upload-document.use-case';
import { CheckCompletenessUseCase } from './forms/check-completeness.use-case';
import { FormsController } from './forms/forms.controller';
import { FormsRepository } from './forms/forms.repository';
import { ApplyResumptionUseCase } from './dossiers/apply-resumption.use-case';
import { HoldReturnedResultUseCase } from './dossiers/hold-returned-result.use-case';
import { PublicRateLimiter } from './dossiers/public-rate-limiter';
import { ReceivePostalPickupUseCase } from './dossiers/receive-postal-pickup.use-case';
import { ReceiveSupplementUseCase } from './dossiers/receive-supplement.use-case';
import { RequestSupplementUseCase } from './dossiers/request-supplement.use-case';
import { ReturnResultAtCounterUseCase } from './dossiers/return-result-at-counter.use-case';
import { WithdrawDossierUseCase } from './dossiers/withdraw-dossier.use-case';
import { EvaluateDossierUseCase } from './evaluation/evaluate-dossier.use-case';
import { EvaluationController } from './evaluation/evaluation.controller';
import { PortalSyncQueue } from './portal/portal-sync.queue';
import { PortalSyncWorker } from './portal/portal-sync.worker';

export const INTAKE_SERVICE = { service: 'intake', apiPrefix: 'api/intake', title: 'Một Cửa — intake (tiếp nhận hồ sơ)' };

/** Intake: the dossier as the citizen sees it (catalog, reception, codes, appointments, lookup). */
@Module({})
export class IntakeModule {
  static forRoot(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [PlatformModule.forService({ service: 'intake', config, entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS })],
      controllers: [
        DossierController,
        LookupController,
        CatalogController,
        CalendarController,
        DossierEventsController,
        EvaluationController,
        FormsController,
        DocumentsController,
      ],
      providers: [
        DossierRepository,
        CatalogRepository,
        CalendarYearRepository,
        LegalClockProvider,
        ReceiveDossierUseCase,
        AdvanceDossierUseCase,
        ComputeAppointmentUseCase,
        ReplaceYearScheduleUseCase,
        DemoSeed,
        FormsRepository,
        CheckCompletenessUseCase,
        DocumentsRepository,
        UploadDocumentUseCase,
        DocumentUploadInterceptor,
        { provide: DOCUMENT_STORAGE, useValue: new LocalDiskStorage(config.documentStorageDir) },
        PortalSyncQueue,
        PortalSyncWorker,
        PublicRateLimiter,
        ReceivePostalPickupUseCase,
        HoldReturnedResultUseCase,
        RequestSupplementUseCase,
        ReceiveSupplementUseCase,
        ApplyResumptionUseCase,
        WithdrawDossierUseCase,
        ReturnResultAtCounterUseCase,
        EvaluateDossierUseCase,
      ],
    };
  }
}
