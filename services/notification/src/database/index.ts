import { DigestRun } from '../digests/digest-run.entity';
import { StaffAlert } from '../digests/staff-alert.entity';
import { Message } from '../messages/message.entity';
import { PhonePreference } from '../preferences/phone-preference.entity';
import { DossierNotice } from '../recipients/dossier-notice.entity';
import { DossierRecipient } from '../recipients/dossier-recipient.entity';
import { Template } from '../templates/template.entity';
import { Initial1795600636325 } from './migrations/1795600636325-initial';
import { TemplatesChannelsPreferences1795604282350 } from './migrations/1795604282350-templates-channels-preferences';
import { CitizenEventsReceiptsDigests1795606323062 } from './migrations/1795606323062-citizen-events-receipts-digests';
import { MessageKeysDossierNotices1795609190765 } from './migrations/1795609190765-message-keys-dossier-notices';
import { HeldAtCounterReason1795612800000 } from './migrations/1795612800000-held-at-counter-reason';

export const NOTIFICATION_ENTITIES = [DossierRecipient, Message, Template, PhonePreference, StaffAlert, DigestRun, DossierNotice];
export const NOTIFICATION_MIGRATIONS = [
  Initial1795600636325,
  TemplatesChannelsPreferences1795604282350,
  CitizenEventsReceiptsDigests1795606323062,
  MessageKeysDossierNotices1795609190765,
  HeldAtCounterReason1795612800000,
];
