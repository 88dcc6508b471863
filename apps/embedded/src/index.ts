export * from './embedded-platform';
export * from './dev-auth';
