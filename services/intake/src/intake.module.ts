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
import { CatalogAdminController, CatalogFileInterceptor } from './catalog/catalog-admin.controller';
import { CatalogWriter } from './catalog/catalog-writer';
import { AgenciesController } from './agencies/agencies.controller';
import { AgenciesRepository } from './agencies/agencies.repository';
import { ManageAgenciesUseCase } from './agencies/manage-agencies.use-case';
import { IntakeConfig } from './config/intake.config';
import { INTAKE_ENTITIES, INTAKE_MIGRATIONS } from './database';
import { AdvanceDossierUseCase } from './dossiers/advance-dossier.use-case';
import { DossierEventsController } from './dossiers/dossier-events.controller';
import { DossierController } from './dossiers/dossier.controller';
import { DossierRepository } from './dossiers/dossier.repository';
import { ReceiveDossierUseCase } from './dossiers/receive-dossier.use-case';
import { LookupController } from './lookup/lookup.controller';
import { DOCUMENT_STORAGE, documentStorageFor } from './documents/document-storage';
import { DocumentUploadInterceptor } from './documents/document-upload';
import { DocumentsController } from './documents/documents.controller';
import { CitizenDocumentsController } from './documents/citizen-documents.controller';
import { ReuseDocumentUseCase } from './documents/reuse-document.use-case';
import { DocumentDigitizedPublisher } from './documents/document-digitized';
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
import { ReceptionComponents } from './forms/reception-components';
import { IntegratorKeyGuard } from './integrators/integrator-key.guard';
import { IntegratorKeysController } from './integrators/integrator-keys.controller';
import { IntegratorKeysRepository } from './integrators/integrator-keys.repository';
import { OnlineDossiersController } from './integrators/online-dossiers.controller';
import { POPULATION_CONTROLLERS, populationProviders } from './population/population.providers';

export const INTAKE_SERVICE = { service: 'intake', apiPrefix: 'api/intake', title: 'Một Cửa — intake (tiếp nhận hồ sơ)' };

/** Intake: the dossier as the citizen sees it (catalog, reception, codes, appointments, lookup). */
@Module({})
export class IntakeModule {
  static forRoot(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        PlatformModule.forService({
          service: 'intake',
          config,
          entities: INTAKE_ENTITIES,
          migrations: INTAKE_MIGRATIONS,
          audit: { exclude: ['dossier_code_sequence', 'form_number_sequence'] },
        }),
      ],
      controllers: [
        DossierController,
        LookupController,
        CatalogController,
        CatalogAdminController,
        AgenciesController,
        CalendarController,
        DossierEventsController,
        EvaluationController,
        FormsController,
        DocumentsController,
        CitizenDocumentsController,
        IntegratorKeysController,
        OnlineDossiersController,
        ...POPULATION_CONTROLLERS,
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
        CatalogWriter,
        CatalogFileInterceptor,
        AgenciesRepository,
        ManageAgenciesUseCase,
        FormsRepository,
        CheckCompletenessUseCase,
        DocumentsRepository,
        UploadDocumentUseCase,
        ReuseDocumentUseCase,
        DocumentDigitizedPublisher,
        DocumentUploadInterceptor,
        { provide: DOCUMENT_STORAGE, useValue: documentStorageFor(config) },
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
        ReceptionComponents,
        IntegratorKeysRepository,
        IntegratorKeyGuard,
        ...populationProviders(config),
      ],
    };
  }
}
