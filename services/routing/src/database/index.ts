import { CalendarYearSchedule } from '@motcua/platform';
import { ControlSlipEntry } from '../control-slip/control-slip-entry.entity';
import { ProcessingExtension } from '../extensions/processing-extension.entity';
import { Task } from '../tasks/task.entity';
import { StepTimer } from '../timers/step-timer.entity';
import { WorkflowDefinition } from '../workflows/workflow-definition.entity';
import { WorkflowInstance } from '../workflows/workflow-instance.entity';
import { Initial1795600677059 } from './migrations/1795600677059-initial';
import { WorkflowsSlipTimers1795604233635 } from './migrations/1795604233635-workflows-slip-timers';
import { AssignmentExtensionsReminders1795606069018 } from './migrations/1795606069018-assignment-extensions-reminders';
import { CalendarYearSchedules1795606928432 } from './migrations/1795606928432-calendar-year-schedules';
import { SupplementDeadlinesConditions1795609182864 } from './migrations/1795609182864-supplement-deadlines-conditions';
import { PostalTransferLegs1795612800000 } from './migrations/1795612800000-postal-transfer-legs';

export const ROUTING_ENTITIES = [
  WorkflowDefinition,
  WorkflowInstance,
  Task,
  ControlSlipEntry,
  StepTimer,
  ProcessingExtension,
  CalendarYearSchedule,
];
export const ROUTING_MIGRATIONS = [
  Initial1795600677059,
  WorkflowsSlipTimers1795604233635,
  AssignmentExtensionsReminders1795606069018,
  CalendarYearSchedules1795606928432,
  SupplementDeadlinesConditions1795609182864,
  PostalTransferLegs1795612800000,
];
