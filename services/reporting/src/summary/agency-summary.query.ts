import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A period of local dates (Asia/Ho_Chi_Minh), both days included. */
export class AgencySummaryQuery {
  @ApiProperty({ example: '2026-01-01', description: 'Ngày đầu kỳ (YYYY-MM-DD, giờ Việt Nam), tính cả ngày này' })
  @Matches(LOCAL_DATE, { message: 'from phải là ngày dạng YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-01-31', description: 'Ngày cuối kỳ (YYYY-MM-DD, giờ Việt Nam), tính cả ngày này' })
  @Matches(LOCAL_DATE, { message: 'to phải là ngày dạng YYYY-MM-DD' })
  to!: string;
}
