import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import { RequestExtensionUseCase } from '../extensions/request-extension.use-case';
import { ProcessingExtension } from '../extensions/processing-extension.entity';
import { AssignTaskUseCase } from './assign-task.use-case';
import { ClaimTaskUseCase } from './claim-task.use-case';
import { CompleteTaskUseCase } from './complete-task.use-case';
import { ReleaseTaskUseCase } from './release-task.use-case';
import { StopProcessingUseCase } from './stop-processing.use-case';
import { RefuseTaskUseCase } from './refuse-task.use-case';
import { RequestSupplementUseCase } from './request-supplement.use-case';
import { ReturnTaskUseCase } from './return-task.use-case';
import { Task, TASK_STATUSES, TaskStatus } from './task.entity';
import { TaskRepository } from './task.repository';

export class InboxQuery {
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  /** `me`: the tasks the caller holds; `none`: the tasks nobody holds. */
  @ApiPropertyOptional({ enum: ['me', 'none'] }) @IsOptional() @IsIn(['me', 'none']) assignee?: 'me' | 'none';
}

export class AssignTaskDto {
  @ApiProperty({ example: 'tp2', description: 'the user id (JWT sub) of a person of the same agency' })
  @IsString()
  @Length(1, 200)
  assigneeId!: string;
  @ApiProperty({ example: 'Vũ Thị Hạnh' }) @IsString() @Length(1, 200) assigneeName!: string;
}

export class StopProcessingDto {
  @ApiProperty({ example: 'Công dân đề nghị dừng do đã nộp tại cơ quan khác' }) @IsString() @Length(1, 2000) reason!: string;
}

export class RequestExtensionDto {
  @ApiProperty({ example: 'Chờ kết quả xác minh của Công an xã' }) @IsString() @Length(1, 2000) reason!: string;
  @ApiProperty({ example: '2026-12-04T16:30:00+07:00', description: 'after the current appointment' })
  @IsISO8601({ strict: true })
  newAppointmentAt!: string;
}

export class CompleteTaskDto {
  @ApiProperty({ example: 'Đã cấp Giấy khai sinh số 123/2026' }) @IsString() @Length(1, 2000) resultSummary!: string;
}

export class ForwardTaskDto {
  @ApiPropertyOptional({ example: 'Đã đăng ký khai sinh, chuyển phê duyệt' }) @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class ReturnTaskDto {
  @ApiProperty({ example: 'khai-sinh' }) @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/) toStepKey!: string;
  @ApiProperty({ example: 'Sai năm sinh của mẹ trên tờ khai' }) @IsString() @Length(1, 2000) reason!: string;
}

export class RequestSupplementDto {
  @ApiProperty({ example: 'Thiếu bản sao Giấy chứng nhận kết hôn của cha mẹ' }) @IsString() @Length(1, 2000) reason!: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  items?: string[];
  @ApiPropertyOptional({
    example: '2026-12-31T17:00:00+07:00',
    description: "the citizen's deadline (later than now); absent: SUPPLEMENT_DEADLINE_WORKING_DAYS working days from now",
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadlineAt?: string;
}

export class RefuseTaskDto {
  @ApiProperty({ example: 'Trẻ đã được đăng ký khai sinh tại nơi khác' }) @IsString() @Length(1, 2000) reason!: string;
}

const taskView = (t: Task) => ({
  id: t.id,
  dossierCode: t.dossierCode,
  stepKey: t.stepKey,
  attempt: t.attempt,
  name: t.name,
  agencyCode: t.agencyCode,
  role: t.role,
  status: t.status,
  startedAt: toLocalIso(t.startedAt),
  dueAt: toLocalIso(t.dueAt),
  completedAt: t.completedAt ? toLocalIso(t.completedAt) : null,
  outcome: t.outcome,
  note: t.note,
  assignee: t.assigneeId ? { id: t.assigneeId, name: t.assigneeName, assignedAt: t.assignedAt ? toLocalIso(t.assignedAt) : null } : null,
  escalatedAt: t.escalatedAt ? toLocalIso(t.escalatedAt) : null,
});

const extensionView = (e: ProcessingExtension) => ({
  id: e.id,
  dossierCode: e.dossierCode,
  stepId: e.taskId,
  reason: e.reason,
  requestedAt: toLocalIso(e.requestedAt),
  previousAppointmentAt: toLocalIso(e.previousAppointmentAt),
  newAppointmentAt: toLocalIso(e.newAppointmentAt),
  letter: `/api/routing/v1/dossiers/${e.dossierCode}/extensions/${e.id}.pdf`,
});

const uuid = () => new ParseUUIDPipe({ exceptionFactory: () => badId() });

/** Task inboxes per agency and role, and the actions on a task. Every action locks the task: one actor wins, the other gets 409. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/tasks')
export class TaskController {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly complete: CompleteTaskUseCase,
    private readonly returnTask: ReturnTaskUseCase,
    private readonly supplement: RequestSupplementUseCase,
    private readonly refuse: RefuseTaskUseCase,
    private readonly claim: ClaimTaskUseCase,
    private readonly assign: AssignTaskUseCase,
    private readonly release: ReleaseTaskUseCase,
    private readonly stop: StopProcessingUseCase,
    private readonly extend: RequestExtensionUseCase,
    private readonly db: DataSource,
  ) {}

  /** The inbox of the caller's agency: only its own steps, for the caller's roles (a supervisor sees all roles). */
  @Get()
  @Roles('SPECIALIST', 'APPROVER', 'SUPERVISOR')
  async inbox(@Query() q: InboxQuery, @CurrentUser() user: AuthUser) {
    const roles = user.roles.includes('SUPERVISOR') ? null : user.roles;
    const assignee = q.assignee === 'me' ? user.sub : q.assignee === 'none' ? null : undefined;
    const tasks = await this.tasks.inbox(this.db.manager, user.agencyCode, roles, q.status ?? 'OPEN', q.limit ?? 100, assignee);
    return tasks.map(taskView);
  }

  /** Completes the step: the next steps open; on the last step the dossier is resolved with this result. */
  @Post(':id/complete')
  @HttpCode(200)
  @Roles('SPECIALIST', 'APPROVER')
  async completeTask(@Param('id', uuid()) id: string, @Body() body: CompleteTaskDto, @CurrentUser() user: AuthUser) {
    return taskView(
      await this.complete.execute({ taskId: id, mode: 'COMPLETE', resultSummary: body.resultSummary, actor: user, at: new Date() }),
    );
  }

  /** Completes a step that is not the last and hands the dossier to the next steps (409 on the last step). */
  @Post(':id/forward')
  @HttpCode(200)
  @Roles('SPECIALIST', 'APPROVER')
  async forwardTask(@Param('id', uuid()) id: string, @Body() body: ForwardTaskDto, @CurrentUser() user: AuthUser) {
    return taskView(await this.complete.execute({ taskId: id, mode: 'FORWARD', note: body.note, actor: user, at: new Date() }));
  }

  /** Sends the dossier back to an earlier step, with the reason. */
  @Post(':id/return')
  @HttpCode(200)
  @Roles('SPECIALIST', 'APPROVER')
  async returnToStep(@Param('id', uuid()) id: string, @Body() body: ReturnTaskDto, @CurrentUser() user: AuthUser) {
    return taskView(
      await this.returnTask.execute({ taskId: id, toStepKey: body.toStepKey, reason: body.reason, actor: user, at: new Date() }),
    );
  }

  /** Asks the citizen for a supplement: the clock pauses until the supplement is received. */
  @Post(':id/request-supplement')
  @HttpCode(200)
  @Roles('SPECIALIST', 'APPROVER')
  async requestSupplement(@Param('id', uuid()) id: string, @Body() body: RequestSupplementDto, @CurrentUser() user: AuthUser) {
    const deadlineAt = body.deadlineAt ? new Date(body.deadlineAt) : undefined;
    return taskView(
      await this.supplement.execute({ taskId: id, reason: body.reason, items: body.items, deadlineAt, actor: user, at: new Date() }),
    );
  }

  /** Refuses to resolve the dossier, with the reason (also while it waits for the citizen's supplement). */
  @Post(':id/refuse')
  @HttpCode(200)
  @Roles('SPECIALIST', 'APPROVER')
  async refuseTask(@Param('id', uuid()) id: string, @Body() body: RefuseTaskDto, @CurrentUser() user: AuthUser) {
    return taskView(await this.refuse.execute({ taskId: id, reason: body.reason, actor: user, at: new Date() }));
  }

  /** Takes the task: from now on only the caller acts on it. Of two people claiming at once, one wins; the other gets 409. */
  @Post(':id/claim')
  @HttpCode(200)
  @Roles('SPECIALIST', 'APPROVER')
  async claimTask(@Param('id', uuid()) id: string, @CurrentUser() user: AuthUser) {
    return taskView(await this.claim.execute({ taskId: id, actor: user, at: new Date() }));
  }

  /** A supervisor gives a task of their agency to a named person of the agency. */
  @Post(':id/assign')
  @HttpCode(200)
  @Roles('SUPERVISOR')
  async assignTask(@Param('id', uuid()) id: string, @Body() body: AssignTaskDto, @CurrentUser() user: AuthUser) {
    return taskView(
      await this.assign.execute({ taskId: id, assigneeId: body.assigneeId, assigneeName: body.assigneeName, actor: user, at: new Date() }),
    );
  }

  /** Puts the task back in the agency's inbox (its holder, or a supervisor). */
  @Post(':id/release')
  @HttpCode(200)
  @Roles('SPECIALIST', 'APPROVER', 'SUPERVISOR')
  async releaseTask(@Param('id', uuid()) id: string, @CurrentUser() user: AuthUser) {
    return taskView(await this.release.execute({ taskId: id, actor: user }));
  }

  /** Stops processing the dossier (dừng xử lý), with the reason (also while it waits for the citizen's supplement). */
  @Post(':id/stop')
  @HttpCode(200)
  @Roles('SPECIALIST', 'APPROVER')
  async stopProcessing(@Param('id', uuid()) id: string, @Body() body: StopProcessingDto, @CurrentUser() user: AuthUser) {
    return taskView(await this.stop.execute({ taskId: id, reason: body.reason, actor: user, at: new Date() }));
  }

  /**
   * Before the appointment passes, asks for more time: issues the apology with the new appointment
   * (PDF at `letter`) and moves the due instants to it (422 when the appointment passed or the new one is not later).
   */
  @Post(':id/request-extension')
  @HttpCode(201)
  @Roles('SPECIALIST', 'APPROVER')
  async requestExtension(@Param('id', uuid()) id: string, @Body() body: RequestExtensionDto, @CurrentUser() user: AuthUser) {
    const extension = await this.extend.execute({
      taskId: id,
      reason: body.reason,
      newAppointmentAt: new Date(body.newAppointmentAt),
      actor: user,
      at: new Date(),
    });
    return extensionView(extension);
  }
}

function badId(): DomainError {
  return new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
    { field: 'id', rule: 'isUuid', message: 'Mã công việc phải là UUID' },
  ]);
}
