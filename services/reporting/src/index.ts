export * from './reporting.module';
export * from './config/reporting.config';
export * from './database';
