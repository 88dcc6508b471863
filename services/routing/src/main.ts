import { runService } from '@motcua/platform';
import { routingConfigFromEnv } from './config/routing.config';
import { ROUTING_SERVICE, RoutingModule } from './routing.module';

async function main(): Promise<void> {
  const config = routingConfigFromEnv();
  await runService(RoutingModule.forRoot(config), { ...ROUTING_SERVICE, port: config.port });
}

main().catch((err: Error) => {
  process.stderr.write(`routing failed to start: ${err.message}\n`);
  process.exit(1);
});
