import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@motcua/platform';
import { AdminController } from './admin/admin.controller';
import { RebuildProjectionUseCase } from './admin/rebuild-projection.use-case';
import { ReportingConfig } from './config/reporting.config';
import { REPORTING_ENTITIES, REPORTING_MIGRATIONS } from './database';
import { EventLogController } from './events/event-log.controller';
import { EventLogRepository } from './events/event-log.repository';
import { RecordEventUseCase } from './events/record-event.use-case';
import { DossierFactProjector } from './facts/dossier-fact.projector';
import { DossierFactRepository } from './facts/dossier-fact.repository';
import { AgencySummaryController } from './summary/agency-summary.controller';

export const REPORTING_SERVICE = { service: 'reporting', apiPrefix: 'api/reporting', title: 'Một Cửa — reporting (báo cáo, chỉ số)' };

/** Reporting: read models rebuilt from events (event log + per-dossier facts) and the indicators on them. */
@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        PlatformModule.forService({ service: 'reporting', config, entities: REPORTING_ENTITIES, migrations: REPORTING_MIGRATIONS }),
      ],
      controllers: [AgencySummaryController, AdminController, EventLogController],
      providers: [EventLogRepository, DossierFactRepository, DossierFactProjector, RecordEventUseCase, RebuildProjectionUseCase],
    };
  }
}
