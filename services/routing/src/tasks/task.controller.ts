import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import { CompleteTaskUseCase } from './complete-task.use-case';
import { Task } from './task.entity';
import { TaskRepository } from './task.repository';

export class InboxQuery {
  @ApiPropertyOptional({ enum: ['OPEN', 'DONE'] }) @IsOptional() @IsIn(['OPEN', 'DONE']) status?: 'OPEN' | 'DONE';
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class CompleteTaskDto {
  @ApiProperty({ example: 'Đã cấp Giấy khai sinh số 123/2026' }) @IsString() @Length(1, 2000) resultSummary!: string;
}

const taskView = (t: Task) => ({
  id: t.id,
  dossierCode: t.dossierCode,
  name: t.name,
  agencyCode: t.agencyCode,
  role: t.role,
  status: t.status,
  startedAt: toLocalIso(t.startedAt),
  dueAt: toLocalIso(t.dueAt),
  completedAt: t.completedAt ? toLocalIso(t.completedAt) : null,
  outcome: t.outcome,
});

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/tasks')
export class TaskController {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly complete: CompleteTaskUseCase,
    private readonly db: DataSource,
  ) {}

  /** The inbox of the caller's agency: only its own steps. */
  @Get()
  @Roles('SPECIALIST', 'APPROVER', 'SUPERVISOR')
  async inbox(@Query() q: InboxQuery, @CurrentUser() user: AuthUser) {
    const tasks = await this.tasks.inbox(this.db.manager, user.agencyCode, q.status ?? 'OPEN', q.limit ?? 100);
    return tasks.map(taskView);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('SPECIALIST', 'APPROVER')
  async completeTask(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => badId() })) id: string,
    @Body() body: CompleteTaskDto,
    @CurrentUser() user: AuthUser,
  ) {
    return taskView(await this.complete.execute({ taskId: id, resultSummary: body.resultSummary, actor: user, at: new Date() }));
  }
}

function badId(): DomainError {
  return new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
    { field: 'id', rule: 'isUuid', message: 'Mã công việc phải là UUID' },
  ]);
}
