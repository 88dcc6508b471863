import { Task } from '../tasks/task.entity';
import { WorkflowInstance } from '../workflows/workflow-instance.entity';
import { Initial1795600677059 } from './migrations/1795600677059-initial';

export const ROUTING_ENTITIES = [WorkflowInstance, Task];
export const ROUTING_MIGRATIONS = [Initial1795600677059];
