import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@motcua/platform';
import { CalendarEventsController } from './clock/calendar-events.controller';
import { WorkingCalendarService } from '@motcua/platform';
import { RoutingConfig } from './config/routing.config';
import { ControlSlipController } from './control-slip/control-slip.controller';
import { ControlSlipRepository } from './control-slip/control-slip.repository';
import { DossierAccess } from './control-slip/dossier-access';
import { ExtensionController } from './extensions/extension.controller';
import { ExtensionRepository } from './extensions/extension.repository';
import { RequestExtensionUseCase } from './extensions/request-extension.use-case';
import { AssignTaskUseCase } from './tasks/assign-task.use-case';
import { ClaimTaskUseCase } from './tasks/claim-task.use-case';
import { ExpireSupplementUseCase } from './tasks/expire-supplement.use-case';
import { ReleaseTaskUseCase } from './tasks/release-task.use-case';
import { StopNoticeController } from './stops/stop-notice.controller';
import { StopProcessingUseCase } from './tasks/stop-processing.use-case';
import { TimerPlanner } from './timers/timer-planner';
import { ROUTING_ENTITIES, ROUTING_MIGRATIONS } from './database';
import { CompleteTaskUseCase } from './tasks/complete-task.use-case';
import { RefuseTaskUseCase } from './tasks/refuse-task.use-case';
import { RequestSupplementUseCase } from './tasks/request-supplement.use-case';
import { TaskActions } from './tasks/task-action';
import { ReturnTaskUseCase } from './tasks/return-task.use-case';
import { TaskController } from './tasks/task.controller';
import { TaskRepository } from './tasks/task.repository';
import { StepTimerRepository } from './timers/step-timer.repository';
import { TimerWorker } from './timers/timer-worker';
import { CreateWorkflowVersionUseCase } from './workflows/create-workflow-version.use-case';
import { DossierEventsController } from './workflows/dossier-events.controller';
import { PostalTransferEventsController } from './postal-transfers/postal-transfer-events.controller';
import { RecordPostalLegUseCase } from './postal-transfers/record-postal-leg.use-case';
import { ResumeAfterSupplementUseCase } from './workflows/resume-after-supplement.use-case';
import { StartProcessingUseCase } from './workflows/start-processing.use-case';
import { WorkflowDefinitionController } from './workflows/workflow-definition.controller';
import { WorkflowDefinitionRepository } from './workflows/workflow-definition.repository';
import { WorkflowEngine } from './workflows/workflow-engine';
import { WorkflowSeed } from './workflows/workflow-seed';

export const ROUTING_SERVICE = { service: 'routing', apiPrefix: 'api/routing', title: 'Một Cửa — routing (xử lý liên thông)' };

/** Routing: processing across agencies (liên thông), task inboxes, the legal clock per step. */
@Module({})
export class RoutingModule {
  static forRoot(config: RoutingConfig): DynamicModule {
    return {
      module: RoutingModule,
      imports: [
        PlatformModule.forService({
          service: 'routing',
          config,
          entities: ROUTING_ENTITIES,
          migrations: ROUTING_MIGRATIONS,
          audit: { exclude: ['step_timer'] },
        }),
      ],
      controllers: [
        TaskController,
        WorkflowDefinitionController,
        ControlSlipController,
        ExtensionController,
        StopNoticeController,
        DossierEventsController,
        PostalTransferEventsController,
        CalendarEventsController,
      ],
      providers: [
        WorkingCalendarService,
        TaskRepository,
        WorkflowDefinitionRepository,
        ControlSlipRepository,
        StepTimerRepository,
        TimerWorker,
        WorkflowEngine,
        TaskActions,
        WorkflowSeed,
        StartProcessingUseCase,
        ResumeAfterSupplementUseCase,
        RecordPostalLegUseCase,
        CompleteTaskUseCase,
        ReturnTaskUseCase,
        RequestSupplementUseCase,
        RefuseTaskUseCase,
        CreateWorkflowVersionUseCase,
        ClaimTaskUseCase,
        AssignTaskUseCase,
        ReleaseTaskUseCase,
        StopProcessingUseCase,
        RequestExtensionUseCase,
        ExtensionRepository,
        DossierAccess,
        TimerPlanner,
        ExpireSupplementUseCase,
      ],
    };
  }
}
