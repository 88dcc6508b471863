import { Message } from '../messages/message.entity';
import { PhonePreference } from '../preferences/phone-preference.entity';
import { DossierRecipient } from '../recipients/dossier-recipient.entity';
import { Template } from '../templates/template.entity';
import { Initial1795600636325 } from './migrations/1795600636325-initial';
import { TemplatesChannelsPreferences1795604282350 } from './migrations/1795604282350-templates-channels-preferences';

export const NOTIFICATION_ENTITIES = [DossierRecipient, Message, Template, PhonePreference];
export const NOTIFICATION_MIGRATIONS = [Initial1795600636325, TemplatesChannelsPreferences1795604282350];
