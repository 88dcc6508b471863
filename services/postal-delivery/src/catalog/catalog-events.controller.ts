import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CATALOG_PROCEDURE_VERSION_PUBLISHED, ProcedureVersionPublishedV1 } from '@motcua/contracts';
import { RecordProcedureVersionUseCase } from './record-procedure-version.use-case';

@Controller()
export class CatalogEventsController {
  constructor(private readonly record: RecordProcedureVersionUseCase) {}

  @EventPattern(CATALOG_PROCEDURE_VERSION_PUBLISHED)
  onPublished(@Payload() e: ProcedureVersionPublishedV1) {
    return this.record.execute(e);
  }
}
