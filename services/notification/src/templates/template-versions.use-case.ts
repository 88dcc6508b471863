import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NOTIFICATION_CHANNELS } from '@motcua/contracts';
import { managerOf, runInTransaction } from '@motcua/messaging';
import { DomainError, FieldProblem, SERVICE_CONFIG } from '@motcua/platform';
import { NotificationConfig } from '../config/notification.config';
import { smsLength, stripVietnameseDiacritics } from '../sms/sms-encoding';
import { render } from './message-composer';
import { checkTemplateText, formatValues } from './placeholders';
import { NotificationChannel, TEMPLATE_KEYS, TemplateKey } from './template-catalog';
import { Template } from './template.entity';
import { TemplateRepository } from './template.repository';
import { CreateTemplateVersionDto, PreviewTemplateDto } from './template.dto';

const invalid = (details: FieldProblem[]) =>
  new DomainError('NOTIFICATION.TEMPLATE_INVALID', 'INVALID', 'Mẫu thông báo không hợp lệ', details);

/** The key and channel of a path, or 404. */
export function templateTarget(key: string, channel: string): { key: TemplateKey; channel: NotificationChannel } {
  if (!(key in TEMPLATE_KEYS) || !(NOTIFICATION_CHANNELS as readonly string[]).includes(channel)) {
    throw new DomainError('NOTIFICATION.TEMPLATE_NOT_FOUND', 'NOT_FOUND', `Không có mẫu thông báo ${key} cho kênh ${channel}`);
  }
  return { key: key as TemplateKey, channel: channel as NotificationChannel };
}

/** Problems of a template's content for its key and channel (placeholders, per-channel fields). */
function check(
  key: TemplateKey,
  channel: NotificationChannel,
  c: { body: string; subject?: string; znsTemplateId?: string },
): FieldProblem[] {
  const allowed = TEMPLATE_KEYS[key].placeholders;
  const problems = checkTemplateText('body', c.body, allowed);
  if (c.subject !== undefined) problems.push(...checkTemplateText('subject', c.subject, allowed));
  if (channel === 'EMAIL' && c.subject === undefined)
    problems.push({ field: 'subject', rule: 'isDefined', message: 'subject là bắt buộc với mẫu e-mail' });
  if (channel !== 'EMAIL' && c.subject !== undefined)
    problems.push({ field: 'subject', rule: 'channelField', message: 'subject chỉ dùng cho mẫu e-mail' });
  if (channel === 'ZALO' && c.znsTemplateId === undefined)
    problems.push({ field: 'znsTemplateId', rule: 'isDefined', message: 'znsTemplateId là bắt buộc với mẫu Zalo ZNS' });
  if (channel !== 'ZALO' && c.znsTemplateId !== undefined)
    problems.push({ field: 'znsTemplateId', rule: 'channelField', message: 'znsTemplateId chỉ dùng cho mẫu Zalo ZNS' });
  return problems;
}

/** Saves a new version of a (key, channel) template; it becomes the active one. Typed placeholders are checked first. */
@Injectable()
export class CreateTemplateVersionUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly templates: TemplateRepository,
  ) {}

  async execute(cmd: { key: string; channel: string; body: CreateTemplateVersionDto; actor: string }): Promise<Template> {
    const { key, channel } = templateTarget(cmd.key, cmd.channel);
    const problems = check(key, channel, cmd.body);
    if (problems.length) throw invalid(problems);
    return runInTransaction(this.db, (m) =>
      this.templates.addVersion(m, {
        key,
        channel,
        body: cmd.body.body,
        subject: cmd.body.subject,
        znsTemplateId: cmd.body.znsTemplateId,
        urgent: cmd.body.urgent ?? false,
        createdBy: cmd.actor,
      }),
    );
  }
}

/** Renders a draft or the active version with sample data: text, subject, and for SMS the encoding and parts. */
@Injectable()
export class PreviewTemplateUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly templates: TemplateRepository,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  async execute(cmd: { key: string; channel: string; body: PreviewTemplateDto }) {
    const { key, channel } = templateTarget(cmd.key, cmd.channel);
    const def = TEMPLATE_KEYS[key];
    let content: { body: string; subject?: string; version: number | null };
    if (cmd.body.body !== undefined) {
      content = { body: cmd.body.body, subject: cmd.body.subject, version: null };
      const problems = check(key, channel, { ...content, znsTemplateId: channel === 'ZALO' ? 'preview' : undefined });
      if (problems.length) throw invalid(problems);
    } else {
      const active = await this.templates.findActive(managerOf(this.db), key, channel);
      if (!active) throw new DomainError('NOTIFICATION.TEMPLATE_NOT_FOUND', 'NOT_FOUND', `Chưa có mẫu ${key} cho kênh ${channel}`);
      content = { body: active.body, subject: active.subject ?? undefined, version: active.version };
    }
    const sample = cmd.body.sample ?? {};
    const notText = Object.entries(sample).filter(([, v]) => typeof v !== 'string');
    if (notText.length)
      throw invalid(notText.map(([k]) => ({ field: `sample.${k}`, rule: 'isString', message: `sample.${k} phải là chuỗi ký tự` })));
    const { values, problems } = formatValues({ ...def.sample, ...sample }, def.placeholders);
    if (problems.length) throw invalid(problems);
    const r = render(channel, content, values, this.config.smsStripDiacritics);
    const plain = channel === 'SMS' ? stripVietnameseDiacritics(r.text) : null;
    return {
      key,
      purpose: def.purpose,
      channel,
      version: content.version,
      subject: r.subject,
      text: r.text,
      ...(channel === 'SMS'
        ? { sms: { encoding: r.encoding, segments: r.segments, withoutDiacritics: { text: plain, ...smsLength(plain!) } } }
        : {}),
    };
  }
}
