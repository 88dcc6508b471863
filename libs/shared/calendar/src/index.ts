export * from './legal-clock';
export * from './schedules';
