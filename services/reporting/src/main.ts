import { runService } from '@motcua/platform';
import { reportingConfigFromEnv } from './config/reporting.config';
import { REPORTING_SERVICE, ReportingModule } from './reporting.module';

async function main(): Promise<void> {
  const config = reportingConfigFromEnv();
  await runService(ReportingModule.forRoot(config), { ...REPORTING_SERVICE, port: config.port });
}

main().catch((err: Error) => {
  process.stderr.write(`reporting failed to start: ${err.message}\n`);
  process.exit(1);
});
