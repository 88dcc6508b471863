import { toLocalIso } from '@motcua/calendar';
import { TEMPLATE_KEYS, TemplateKey } from './template-catalog';
import { Template } from './template.entity';

export function templateView(t: Template, active: boolean) {
  return {
    id: t.id,
    key: t.key,
    purpose: TEMPLATE_KEYS[t.key as TemplateKey]?.purpose ?? null,
    channel: t.channel,
    version: t.version,
    active,
    subject: t.subject,
    body: t.body,
    znsTemplateId: t.znsTemplateId,
    urgent: t.urgent,
    createdBy: t.createdBy,
    createdAt: toLocalIso(t.createdAt),
  };
}
