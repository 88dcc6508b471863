import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { StepCondition } from './step-condition';
import { AGENCY_RULES, AgencyRule, STEP_ROLES, StepRole } from './workflow-definition';

export class StepAgencyDto {
  @ApiPropertyOptional({ example: '000.00.20.H56', description: 'a fixed agency (LLL.LL.LL.XNN), or:' })
  @IsOptional()
  @IsString()
  code?: string;
  @ApiPropertyOptional({ enum: AGENCY_RULES, description: 'taken from the dossier: its competent or receiving agency' })
  @IsOptional()
  @IsIn(AGENCY_RULES)
  rule?: AgencyRule;
}

export class StepBudgetDto {
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsInt() @Min(0) @Max(365) workingDays?: number;
  @ApiPropertyOptional({ example: 4 }) @IsOptional() @IsInt() @Min(0) @Max(2000) workingHours?: number;
}

export class StepDefinitionDto {
  @ApiProperty({ example: 'thuong-tru' }) @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/) key!: string;
  @ApiProperty({ example: 'Đăng ký thường trú' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ type: StepAgencyDto }) @ValidateNested() @Type(() => StepAgencyDto) agency!: StepAgencyDto;
  @ApiProperty({ enum: STEP_ROLES }) @IsIn(STEP_ROLES) role!: StepRole;
  @ApiPropertyOptional({ type: StepBudgetDto, description: 'absent: the dossier appointment' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StepBudgetDto)
  budget?: StepBudgetDto;
  @ApiPropertyOptional({ type: [String], description: 'steps completed before this one (several = join)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  after?: string[];
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { all: [{ field: 'resultDeliveryMethod', eq: 'POST' }] },
    description: 'the step runs only when this holds for the dossier (all / any / not; field with eq, in, exists, lt or gt)',
  })
  @IsOptional()
  @IsObject()
  condition?: StepCondition;
}

export class CreateWorkflowVersionDto {
  @ApiProperty() @IsString() @Length(1, 500) name!: string;
  @ApiProperty({ type: [StepDefinitionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => StepDefinitionDto)
  steps!: StepDefinitionDto[];
}
