import { IsBoolean, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateTemplateVersionDto {
  /** Text with `{placeholder}`s of the key (e-mail: the body). */
  @IsString() @Length(1, 4000) body!: string;
  /** E-mail only (required there). */
  @IsOptional() @IsString() @Length(1, 300) subject?: string;
  /** Zalo only (required there): the ZNS template id registered with Zalo. */
  @IsOptional() @IsString() @Matches(/^[0-9A-Za-z_-]{1,64}$/) znsTemplateId?: string;
  /** Urgent messages ignore quiet hours. */
  @IsOptional() @IsBoolean() urgent?: boolean;
}

export class PreviewTemplateDto {
  /** A draft to preview; the active version when absent. */
  @IsOptional() @IsString() @Length(1, 4000) body?: string;
  @IsOptional() @IsString() @Length(1, 300) subject?: string;
  /** Raw placeholder values (instants in ISO 8601); the key's sample values fill the rest. */
  @IsOptional() @IsObject() sample?: Record<string, string>;
}
