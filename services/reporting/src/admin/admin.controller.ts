import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@motcua/auth';
import { RebuildProjectionUseCase } from './rebuild-projection.use-case';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin')
export class AdminController {
  constructor(private readonly rebuild: RebuildProjectionUseCase) {}

  /** Rebuilds the indicators' projection from the event log; returns how many events and dossiers. */
  @Post('rebuild')
  @HttpCode(200)
  @Roles('ADMIN')
  rebuildProjection() {
    return this.rebuild.execute();
  }
}
