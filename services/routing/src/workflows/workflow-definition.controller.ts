import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { toLocalIso } from '@motcua/calendar';
import { DomainError } from '@motcua/platform';
import { CreateWorkflowVersionUseCase } from './create-workflow-version.use-case';
import { StepDefinition } from './workflow-definition';
import { CreateWorkflowVersionDto } from './workflow-definition.dto';
import { WorkflowDefinition } from './workflow-definition.entity';
import { WorkflowDefinitionRepository } from './workflow-definition.repository';

const definitionView = (d: WorkflowDefinition) => ({
  procedureCode: d.procedureCode,
  version: d.version,
  name: d.name,
  steps: d.steps,
  createdBy: d.createdBy,
  createdAt: toLocalIso(d.createdAt),
});

const PROCEDURE_CODE = /^[A-Za-z0-9][A-Za-z0-9.\-_]{0,39}$/;

function checkProcedureCode(code: string): string {
  if (!PROCEDURE_CODE.test(code)) {
    throw new DomainError('REQUEST.VALIDATION_FAILED', 'INVALID', 'Dữ liệu không hợp lệ', [
      { field: 'procedureCode', rule: 'isProcedureCode', message: 'Mã thủ tục không đúng định dạng' },
    ]);
  }
  return code;
}

/** Workflow definitions per procedure, as versioned data (administrators publish new versions). */
@ApiTags('workflows')
@ApiBearerAuth()
@Controller('v1/workflows')
export class WorkflowDefinitionController {
  constructor(
    private readonly definitions: WorkflowDefinitionRepository,
    private readonly create: CreateWorkflowVersionUseCase,
    private readonly db: DataSource,
  ) {}

  /** The version in force for each procedure that has a definition. */
  @Get()
  @Roles('ADMIN', 'SUPERVISOR')
  async list() {
    return (await this.definitions.latestOfEach(this.db.manager)).map(definitionView);
  }

  @Get(':procedureCode/versions')
  @Roles('ADMIN', 'SUPERVISOR')
  async versions(@Param('procedureCode') procedureCode: string) {
    const versions = await this.definitions.versions(this.db.manager, checkProcedureCode(procedureCode));
    if (!versions.length) {
      throw new DomainError(
        'ROUTING.WORKFLOW_NOT_FOUND',
        'NOT_FOUND',
        'Thủ tục chưa có quy trình riêng (dùng quy trình một bước mặc định)',
      );
    }
    return versions.map(definitionView);
  }

  @Post(':procedureCode/versions')
  @Roles('ADMIN')
  async publish(@Param('procedureCode') procedureCode: string, @Body() body: CreateWorkflowVersionDto, @CurrentUser() user: AuthUser) {
    const created = await this.create.execute({
      procedureCode: checkProcedureCode(procedureCode),
      name: body.name,
      steps: body.steps as StepDefinition[],
      actor: user,
    });
    return definitionView(created);
  }
}
