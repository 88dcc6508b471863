import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '@motcua/auth';
import { CatalogRepository } from './catalog.repository';

@ApiTags('procedures')
@Controller('v1/procedures')
export class CatalogController {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly db: DataSource,
  ) {}

  /** The published procedure catalog (guidance: what to submit, how long it takes). */
  @Public()
  @Get()
  list() {
    return this.catalog.listProcedures(this.db.manager);
  }
}
