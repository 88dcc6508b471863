export * from './intake.module';
export * from './config/intake.config';
export * from './database';
