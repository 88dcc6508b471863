import { Provider } from '@nestjs/common';
import { defaultLegalClock } from '@motcua/calendar';

/** The legal clock (working days and hours over the holiday calendar) every due instant is computed with. */
export type RoutingClock = ReturnType<typeof defaultLegalClock>;
export const LEGAL_CLOCK = Symbol('LEGAL_CLOCK');
export const legalClockProvider: Provider = { provide: LEGAL_CLOCK, useFactory: () => defaultLegalClock() };
