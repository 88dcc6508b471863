export * from './platform';
export * from './clients';
export * from './infra';
