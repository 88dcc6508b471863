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

export const INTAKE_SERVICE = { service: 'intake', apiPrefix: 'api/intake', title: 'Một Cửa — intake (tiếp nhận hồ sơ)' };

/** Intake: the dossier as the citizen sees it (catalog, reception, codes, appointments, lookup). */
@Module({})
export class IntakeModule {
  static forRoot(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [PlatformModule.forService({ service: 'intake', config, entities: INTAKE_ENTITIES, migrations: INTAKE_MIGRATIONS })],
      controllers: [DossierController, LookupController, CatalogController, CalendarController, DossierEventsController],
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
      ],
    };
  }
}
