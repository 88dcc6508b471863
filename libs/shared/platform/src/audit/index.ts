export * from './audit-trail.entity';
export * from './audit-trail.migration';
export * from './audit-triggers';
export * from './audit-trail.controller';
