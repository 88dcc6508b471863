import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@motcua/auth';
import type { MessageBus } from '@motcua/messaging';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { MESSAGE_BUS, SERVICE_NAME } from './tokens';

@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  /** 200 when the database answers and the broker is connected, else 503. */
  @Public()
  @Get('health')
  async health(@Res() res: Response): Promise<void> {
    const database = await this.db
      .query('SELECT 1')
      .then(() => 'up' as const)
      .catch(() => 'down' as const);
    const broker = this.bus.isConnected() ? 'up' : 'down';
    const ok = database === 'up' && broker === 'up';
    res
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'unavailable', service: this.service, checks: { database, broker } });
  }
}
