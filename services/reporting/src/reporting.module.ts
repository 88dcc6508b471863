import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@motcua/platform';
import { AdminController } from './admin/admin.controller';
import { AggregatesController } from './aggregates/aggregates.controller';
import { AggregatesRepository } from './aggregates/aggregates.repository';
import { AggregatesUseCase } from './aggregates/aggregates.use-case';
import { GenerateDemoDataUseCase } from './admin/generate-demo-data.use-case';
import { FactsView } from './facts/facts-view';
import { RebuildProjectionUseCase } from './admin/rebuild-projection.use-case';
import { WorkingCalendarService } from '@motcua/platform';
import { ReportingConfig } from './config/reporting.config';
import { REPORTING_ENTITIES, REPORTING_MIGRATIONS } from './database';
import { EventLogController } from './events/event-log.controller';
import { EventLogRepository } from './events/event-log.repository';
import { RecordEventUseCase } from './events/record-event.use-case';
import { DossierFactProjector } from './facts/dossier-fact.projector';
import { FactsProjection } from './projection/facts-projection';
import { WorkingDaysTable } from './working-time/working-days.table';
import { FactSnapshots } from './facts/fact-snapshots';
import { AggregateCountsRepository } from './aggregates/aggregate-counts.repository';
import { DossierFactRepository } from './facts/dossier-fact.repository';
import { BuildIi06aFormUseCase } from './forms/build-ii06a-form.use-case';
import { FormsController } from './forms/forms.controller';
import { Ii06aRepository } from './forms/ii06a.repository';
import { ComputeIndex766UseCase } from './indicators/compute-index-766.use-case';
import { ComputeIndicatorsUseCase } from './indicators/compute-indicators.use-case';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsRepository } from './indicators/indicators.repository';
import { LostPointsRepository } from './indicators/lost-points.repository';
import { ListLostPointsUseCase } from './indicators/list-lost-points.use-case';
import { AgencySummaryController } from './summary/agency-summary.controller';

export const REPORTING_SERVICE = { service: 'reporting', apiPrefix: 'api/reporting', title: 'Một Cửa — reporting (báo cáo, chỉ số)' };

/** Reporting: read models rebuilt from events (event log + per-dossier facts) and the indicators on them. */
@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        PlatformModule.forService({
          service: 'reporting',
          config,
          entities: REPORTING_ENTITIES,
          migrations: REPORTING_MIGRATIONS,
          audit: false,
        }),
      ],
      controllers: [
        AgencySummaryController,
        FormsController,
        IndicatorsController,
        AggregatesController,
        AdminController,
        EventLogController,
      ],
      providers: [
        EventLogRepository,
        DossierFactRepository,
        DossierFactProjector,
        RecordEventUseCase,
        RebuildProjectionUseCase,
        Ii06aRepository,
        BuildIi06aFormUseCase,
        IndicatorsRepository,
        ComputeIndicatorsUseCase,
        ComputeIndex766UseCase,
        LostPointsRepository,
        ListLostPointsUseCase,
        FactsView,
        AggregatesRepository,
        AggregatesUseCase,
        GenerateDemoDataUseCase,
        WorkingCalendarService,
        FactsProjection,
        WorkingDaysTable,
        AggregateCountsRepository,
        FactSnapshots,
      ],
    };
  }
}
