import { runService } from '@motcua/platform';
import { postalConfigFromEnv } from './config/postal.config';
import { POSTAL_SERVICE, PostalDeliveryModule } from './postal-delivery.module';

async function main(): Promise<void> {
  const config = postalConfigFromEnv();
  await runService(PostalDeliveryModule.forRoot(config), { ...POSTAL_SERVICE, port: config.port });
}

main().catch((err: Error) => {
  process.stderr.write(`postal-delivery failed to start: ${err.message}\n`);
  process.exit(1);
});
