import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ReceiveDossierDto } from '../dossiers/receive-dossier.dto';
import { NormaliseName } from '../validation/vietnamese-data';
import { INTEGRATORS, type Integrator } from './integrator-key.entity';

const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export class IssueIntegratorKeyDto {
  @ApiProperty({ enum: INTEGRATORS }) @IsIn(INTEGRATORS) integrator!: Integrator;
  @ApiProperty({ example: 'Cổng Dịch vụ công quốc gia' }) @NormaliseName() @IsString() @Length(2, 200) name!: string;
  @ApiProperty({ example: ['000.00.06.H56'], description: 'receiving agencies it may submit to' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(AGENCY_CODE, { each: true, message: 'mã cơ quan có dạng LLL.LL.LL.XNN' })
  allowedAgencyCodes!: string[];
  @ApiPropertyOptional({ example: ['1.001193'], description: 'procedures it may submit; absent: every procedure' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  allowedProcedureCodes?: string[];
}

export class IntegratorKeyQuery {
  @ApiPropertyOptional({ enum: INTEGRATORS }) @IsOptional() @IsIn(INTEGRATORS) integrator?: Integrator;
}

/** An online dossier from a portal: channel ONLINE, the receiving agency named (within the key's scope). */
export class OnlineDossierDto extends OmitType(ReceiveDossierDto, [
  'channel',
  'completenessCheckId',
  'prefillFromPopulationData',
] as const) {
  @ApiProperty({ example: '000.00.06.H56', description: 'the receiving agency (one of the key’s allowed agencies)' })
  @Matches(AGENCY_CODE, { message: 'mã cơ quan có dạng LLL.LL.LL.XNN' })
  receivingAgencyCode!: string;
}
