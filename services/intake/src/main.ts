import { runService } from '@motcua/platform';
import { intakeConfigFromEnv } from './config/intake.config';
import { INTAKE_SERVICE, IntakeModule } from './intake.module';

async function main(): Promise<void> {
  const config = intakeConfigFromEnv();
  await runService(IntakeModule.forRoot(config), { ...INTAKE_SERVICE, port: config.port });
}

main().catch((err: Error) => {
  process.stderr.write(`intake failed to start: ${err.message}\n`);
  process.exit(1);
});
