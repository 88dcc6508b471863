export * from './routing.module';
export * from './config/routing.config';
export * from './database';
