import { runService } from '@motcua/platform';
import { notificationConfigFromEnv } from './config/notification.config';
import { NOTIFICATION_SERVICE, NotificationModule } from './notification.module';

async function main(): Promise<void> {
  const config = notificationConfigFromEnv();
  await runService(NotificationModule.forRoot(config), { ...NOTIFICATION_SERVICE, port: config.port });
}

main().catch((err: Error) => {
  process.stderr.write(`notification failed to start: ${err.message}\n`);
  process.exit(1);
});
