import { Message } from '../messages/message.entity';
import { DossierRecipient } from '../recipients/dossier-recipient.entity';
import { Initial1795600636325 } from './migrations/1795600636325-initial';

export const NOTIFICATION_ENTITIES = [DossierRecipient, Message];
export const NOTIFICATION_MIGRATIONS = [Initial1795600636325];
