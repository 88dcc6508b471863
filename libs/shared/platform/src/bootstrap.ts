import { DynamicModule, INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { BusTransport, MessageBus, runAsActor } from '@motcua/messaging';
import { Logger as PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { ServiceConfig } from './config';
import { withEventLogContext } from './logging';
import { MetricsService } from './metrics';
import { MESSAGE_BUS, SERVICE_CONFIG } from './tokens';

export interface ServiceAppOptions {
  service: string;
  /** Path prefix of the service's API, e.g. `api/intake`. */
  apiPrefix: string;
  title: string;
  description?: string;
  /** Mount into an existing express instance (embedded mode). */
  adapter?: ExpressAdapter;
}

/**
 * Builds a service application: HTTP API under its prefix (health, metrics and docs at the root),
 * validation, error format, OpenAPI, and the message consumer on the bus. Initialised, not listening.
 */
export async function createServiceApp(root: DynamicModule, opts: ServiceAppOptions): Promise<NestExpressApplication> {
  const app = opts.adapter
    ? await NestFactory.create<NestExpressApplication>(root, opts.adapter, { rawBody: true })
    : await NestFactory.create<NestExpressApplication>(root, { bufferLogs: true, rawBody: true });
  // Nest's logger is process-wide: a service alone logs through its pino logger (service name in
  // every line); mounted services (embedded mode) share the runner's logger and keep their
  // per-request pino-http logs, which carry their own service name.
  if (!opts.adapter) app.useLogger(app.get(PinoLogger));
  app.set('query parser', 'extended');
  app.useBodyParser('json', { limit: '1mb' });
  app.setGlobalPrefix(opts.apiPrefix, { exclude: ['health', 'metrics'] });
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  const metrics = app.get(MetricsService);
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(opts.title)
      .setDescription(opts.description ?? '')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // at the root for a service on its own, and under the prefix behind the gateway or in embedded mode
  SwaggerModule.setup('docs', app, doc, { useGlobalPrefix: false, jsonDocumentUrl: 'docs/openapi.json' });
  SwaggerModule.setup(`${opts.apiPrefix}/docs`, app, doc, {
    useGlobalPrefix: false,
    jsonDocumentUrl: `${opts.apiPrefix}/docs/openapi.json`,
  });
  app.connectMicroservice(
    {
      strategy: new BusTransport({
        bus: app.get<MessageBus>(MESSAGE_BUS),
        service: opts.service,
        dataSource: app.get(DataSource),
        prefetch: config.busPrefetch,
        onOutcome: (type, outcome) => metrics.eventsHandled.inc({ type, outcome }),
        runInContext: (envelope, run) =>
          withEventLogContext(envelope, () =>
            runAsActor({ actor: `event:${envelope.type}`, correlationId: envelope.correlationId ?? envelope.id }, run),
          ),
      }),
    },
    { inheritAppConfig: true },
  );
  await app.init();
  await app.startAllMicroservices();
  return app;
}

/** Standalone process: build the app, listen on the configured port, stop gracefully on SIGTERM. */
export async function runService(root: DynamicModule, opts: ServiceAppOptions & { port: number }): Promise<INestApplication> {
  const app = await createServiceApp(root, opts);
  app.enableShutdownHooks();
  await app.listen(opts.port, '0.0.0.0');
  new Logger('Bootstrap').log(`${opts.service} listening on :${opts.port}`);
  return app;
}
