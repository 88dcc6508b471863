import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard, TokenVerifier } from '@motcua/auth';
import { MessageBus, Outbox, OutboxRelay, RabbitMqBus } from '@motcua/messaging';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AuditActorInterceptor, AuditTrailController } from './audit/audit-trail.controller';
import type { AuditOptions } from './audit/audit-triggers';
import { ServiceConfig } from './config';
import { openDatabase } from './database';
import { ApiExceptionFilter } from './errors';
import { HealthController } from './health.controller';
import { loggerParams } from './logging';
import { HttpMetricsMiddleware, MetricsController, MetricsService } from './metrics';
import { MESSAGE_BUS, SERVICE_CONFIG, SERVICE_NAME } from './tokens';
import { ApiValidationPipe } from './validation';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Constructor = Function;

export interface PlatformOptions {
  service: string;
  config: ServiceConfig;
  entities: Constructor[];
  migrations: Constructor[];
  /** Audit trail: which tables get the row trigger (default all); false for none. */
  audit?: AuditOptions | false;
}

/** Starts the outbox relay after bootstrap; on shutdown stops it and closes the bus it owns. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');
  private relay?: OutboxRelay;

  constructor(
    private readonly db: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.relay = new OutboxRelay(this.db, this.bus, { logger: this.logger });
    await this.relay.start();
  }

  // before the database pool closes (TypeORM closes it in onApplicationShutdown)
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    if (!this.config.bus) await this.bus.close(); // a shared in-process bus is closed by its owner
  }
}

@Global()
@Module({})
export class PlatformModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }

  static forService(opts: PlatformOptions): DynamicModule {
    const { config } = opts;
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot(loggerParams(opts.service, config.logLevel)),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({}),
          dataSourceFactory: () =>
            openDatabase({
              url: config.databaseUrl,
              entities: opts.entities,
              migrations: opts.migrations,
              audit: opts.audit,
              poolSize: config.dbPoolSize,
            }),
        }),
      ],
      controllers: [HealthController, MetricsController, AuditTrailController],
      providers: [
        { provide: SERVICE_NAME, useValue: opts.service },
        { provide: SERVICE_CONFIG, useValue: config },
        {
          provide: MESSAGE_BUS,
          useFactory: () =>
            config.bus ?? new RabbitMqBus({ url: config.rabbitmqUrl!, prefix: config.busPrefix, logger: new Logger('RabbitMqBus') }),
        },
        { provide: Outbox, useValue: new Outbox(opts.service) },
        {
          provide: TokenVerifier,
          useValue: new TokenVerifier({ jwtSecret: config.authJwtSecret, jwksUrl: config.authJwksUrl, issuer: config.authIssuer }),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: AuditActorInterceptor },
        MetricsService,
        MessagingLifecycle,
      ],
      exports: [SERVICE_NAME, SERVICE_CONFIG, MESSAGE_BUS, Outbox, TokenVerifier, MetricsService, TypeOrmModule],
    };
  }
}
