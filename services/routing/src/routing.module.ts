import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@motcua/platform';
import { RoutingConfig } from './config/routing.config';
import { ROUTING_ENTITIES, ROUTING_MIGRATIONS } from './database';
import { CompleteTaskUseCase } from './tasks/complete-task.use-case';
import { TaskController } from './tasks/task.controller';
import { TaskRepository } from './tasks/task.repository';
import { DossierEventsController } from './workflows/dossier-events.controller';
import { StartProcessingUseCase } from './workflows/start-processing.use-case';

export const ROUTING_SERVICE = { service: 'routing', apiPrefix: 'api/routing', title: 'Một Cửa — routing (xử lý liên thông)' };

/** Routing: processing across agencies (liên thông), task inboxes, the legal clock per step. */
@Module({})
export class RoutingModule {
  static forRoot(config: RoutingConfig): DynamicModule {
    return {
      module: RoutingModule,
      imports: [PlatformModule.forService({ service: 'routing', config, entities: ROUTING_ENTITIES, migrations: ROUTING_MIGRATIONS })],
      controllers: [TaskController, DossierEventsController],
      providers: [TaskRepository, StartProcessingUseCase, CompleteTaskUseCase],
    };
  }
}
