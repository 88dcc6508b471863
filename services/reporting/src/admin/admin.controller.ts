import { Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '@motcua/auth';
import { DemoDataResult, GenerateDemoDataUseCase } from './generate-demo-data.use-case';
import { RebuildProjectionUseCase } from './rebuild-projection.use-case';

export class DemoDataQuery {
  @ApiPropertyOptional({ example: 4, description: 'Số năm dữ liệu mẫu (1–10)' })
  @IsOptional()
  @IsInt({ message: 'years phải là số nguyên' })
  @Min(1, { message: 'years tối thiểu là 1' })
  @Max(10, { message: 'years tối đa là 10' })
  years?: number;

  @ApiPropertyOptional({ example: 2000, description: 'Số hồ sơ mỗi năm (10–200000)' })
  @IsOptional()
  @IsInt({ message: 'perYear phải là số nguyên' })
  @Min(10, { message: 'perYear tối thiểu là 10' })
  @Max(200_000, { message: 'perYear tối đa là 200000' })
  perYear?: number;

  @ApiPropertyOptional({ example: 2022, description: 'Năm đầu tiên (mặc định: các năm trọn vẹn gần nhất)' })
  @IsOptional()
  @IsInt({ message: 'startYear phải là số nguyên' })
  @Min(2000, { message: 'startYear tối thiểu là 2000' })
  @Max(2100, { message: 'startYear tối đa là 2100' })
  startYear?: number;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1/admin')
export class AdminController {
  constructor(
    private readonly rebuild: RebuildProjectionUseCase,
    private readonly demo: GenerateDemoDataUseCase,
  ) {}

  /** Rebuilds the indicators' projection from the event log; returns how many events and dossiers. */
  @Post('rebuild')
  @HttpCode(200)
  @Roles('ADMIN')
  rebuildProjection() {
    return this.rebuild.execute();
  }

  /**
   * Writes synthetic events (the seed provinces' published shape) into the event log and rebuilds.
   * Idempotent: the same options write the same event ids once.
   */
  @Post('demo-data')
  @HttpCode(200)
  @Roles('ADMIN')
  demoData(@Query() query: DemoDataQuery): Promise<DemoDataResult> {
    const years = query.years ?? 4;
    return this.demo.execute({
      years,
      perYear: query.perYear ?? 2000,
      startYear: query.startYear ?? new Date().getUTCFullYear() - years,
    });
  }
}
