import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '@motcua/auth';
import { DOSSIER_CODE_PATTERN } from '@motcua/contracts';
import { DomainError } from '@motcua/platform';
import { Task } from '../tasks/task.entity';
import { TaskRepository } from '../tasks/task.repository';
import { WorkflowInstance } from '../workflows/workflow-instance.entity';

/**
 * Who may read a dossier's papers (control slip, apology letters): staff of an agency the dossier passed
 * through (receiving, competent, or holding a step) and administrators; anyone else gets 404.
 */
@Injectable()
export class DossierAccess {
  constructor(private readonly tasks: TaskRepository) {}

  async load(m: EntityManager, code: string, user: AuthUser): Promise<{ instance: WorkflowInstance; tasks: Task[] }> {
    if (!DOSSIER_CODE_PATTERN.test(code)) {
      throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
        { field: 'code', rule: 'isDossierCode', message: 'Mã hồ sơ không đúng định dạng' },
      ]);
    }
    const instance = await this.tasks.findInstanceByDossier(m, code);
    const tasks = instance ? await this.tasks.tasksOfDossier(m, code) : [];
    const agencies = new Set([instance?.receivingAgencyCode, instance?.competentAgencyCode, ...tasks.map((t) => t.agencyCode)]);
    if (!instance || (!agencies.has(user.agencyCode) && !user.roles.includes('ADMIN'))) {
      throw new DomainError('ROUTING.DOSSIER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy hồ sơ');
    }
    return { instance, tasks };
  }
}
