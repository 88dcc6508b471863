import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { TEMPLATE_KEYS } from './template-catalog';
import { CreateTemplateVersionDto, PreviewTemplateDto } from './template.dto';
import { Template } from './template.entity';
import { TemplateRepository } from './template.repository';
import { CreateTemplateVersionUseCase, PreviewTemplateUseCase, templateTarget } from './template-versions.use-case';
import { templateView } from './template.view';

function views(rows: Template[]) {
  const seen = new Set<string>();
  return rows.map((t) => {
    const id = `${t.key}/${t.channel}`;
    const active = !seen.has(id); // rows are newest first per key and channel
    seen.add(id);
    return templateView(t, active);
  });
}

/** Administration of message templates (ADMIN only). */
@ApiTags('templates')
@ApiBearerAuth()
@Controller('v1/templates')
@Roles('ADMIN')
export class TemplateController {
  constructor(
    private readonly templates: TemplateRepository,
    private readonly create: CreateTemplateVersionUseCase,
    private readonly preview: PreviewTemplateUseCase,
    private readonly db: DataSource,
  ) {}

  /** Every key (purpose, placeholders and their types) with all versions, the active one flagged. */
  @Get()
  async list() {
    const rows = await this.templates.listAll(this.db.manager);
    return {
      keys: Object.entries(TEMPLATE_KEYS).map(([key, d]) => ({
        key,
        purpose: d.purpose,
        description: d.description,
        placeholders: d.placeholders,
      })),
      templates: views(rows),
    };
  }

  @Get(':key/:channel')
  async versions(@Param('key') key: string, @Param('channel') channel: string) {
    const t = templateTarget(key, channel);
    return { key: t.key, channel: t.channel, versions: views(await this.templates.listVersions(this.db.manager, t.key, t.channel)) };
  }

  /** Saves a new version (it becomes active); an unknown placeholder is a 400 naming it. */
  @Post(':key/:channel/versions')
  @HttpCode(201)
  async addVersion(
    @Param('key') key: string,
    @Param('channel') channel: string,
    @Body() body: CreateTemplateVersionDto,
    @CurrentUser() admin: AuthUser,
  ) {
    return templateView(await this.create.execute({ key, channel, body, actor: admin.sub }), true);
  }

  @Post(':key/:channel/preview')
  @HttpCode(200)
  render(@Param('key') key: string, @Param('channel') channel: string, @Body() body: PreviewTemplateDto) {
    return this.preview.execute({ key, channel, body });
  }
}
