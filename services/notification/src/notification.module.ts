import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { PlatformModule } from '@motcua/platform';
import { EmailAdapter, EmailSendResult, SmtpEmailAdapter } from './channels/email.adapter';
import { HttpZaloZnsAdapter, ZaloZnsAdapter, ZnsSendResult } from './channels/zalo-zns.adapter';
import { NotificationConfig } from './config/notification.config';
import { NOTIFICATION_ENTITIES, NOTIFICATION_MIGRATIONS } from './database';
import { MessageDispatcher } from './dispatch/message-dispatcher';
import { SendDueMessagesUseCase } from './dispatch/send-due-messages.use-case';
import { HttpSmsGatewayAdapter, SmsGatewayAdapter } from './dispatch/sms-gateway.adapter';
import { DossierEventsController } from './messages/dossier-events.controller';
import { MessageController, PickupMessageController } from './messages/message.controller';
import { MessageRepository } from './messages/message.repository';
import { ChannelTargets } from './messages/channel-targets';
import { NotifyCitizenUseCase } from './messages/notify-citizen.use-case';
import { NotifyPickupUseCase } from './messages/notify-pickup.use-case';
import { ZaloFallback } from './dispatch/zalo-fallback';
import { DossierNoticeRepository } from './recipients/dossier-notice.repository';
import { PhonePreferenceRepository } from './preferences/phone-preference.repository';
import { PreferenceController } from './preferences/preference.controller';
import { ReceiptController } from './receipts/receipt.controller';
import { DigestController } from './digests/digest.controller';
import { DigestScheduler } from './digests/digest-scheduler';
import { SendDigestsUseCase } from './digests/send-digests.use-case';
import { StaffAlertEventsController } from './digests/staff-alert-events.controller';
import { StaffAlertRepository } from './digests/staff-alert.repository';
import { RecordReceiptUseCase } from './receipts/record-receipt.use-case';
import { DossierRecipientRepository } from './recipients/dossier-recipient.repository';
import { MessageComposer } from './templates/message-composer';
import { TemplateSeeder } from './templates/template-seeder';
import { TemplateController } from './templates/template.controller';
import { TemplateRepository } from './templates/template.repository';
import { CreateTemplateVersionUseCase, PreviewTemplateUseCase } from './templates/template-versions.use-case';

export const NOTIFICATION_SERVICE = {
  service: 'notification',
  apiPrefix: 'api/notification',
  title: 'Một Cửa — notification (thông báo cho công dân)',
};

/** A channel that is not configured: never chosen (see NotifyCitizenUseCase), refuses if reached. */
class DisabledZaloZnsAdapter extends ZaloZnsAdapter {
  send(): Promise<ZnsSendResult> {
    return Promise.resolve({ ok: false, retryable: false, noAccount: false, error: 'Zalo ZNS is not configured (ZALO_ZNS_URL)' });
  }
}
class DisabledEmailAdapter extends EmailAdapter {
  send(): Promise<EmailSendResult> {
    return Promise.resolve({ ok: false, retryable: false, error: 'E-mail is not configured (SMTP_URL)' });
  }
  close(): void {}
}

/** Notification: messages to citizens by SMS, Zalo ZNS and e-mail, from versioned templates, each sent exactly once. */
@Module({})
export class NotificationModule implements OnApplicationShutdown {
  constructor(@Inject(EmailAdapter) private readonly email: EmailAdapter) {}

  onApplicationShutdown(): void {
    this.email.close();
  }

  static forRoot(config: NotificationConfig): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        PlatformModule.forService({
          service: 'notification',
          config,
          entities: NOTIFICATION_ENTITIES,
          migrations: NOTIFICATION_MIGRATIONS,
        }),
      ],
      controllers: [
        MessageController,
        PickupMessageController,
        DossierEventsController,
        TemplateController,
        PreferenceController,
        ReceiptController,
        StaffAlertEventsController,
        DigestController,
      ],
      providers: [
        DossierRecipientRepository,
        DossierNoticeRepository,
        MessageRepository,
        TemplateRepository,
        PhonePreferenceRepository,
        TemplateSeeder,
        MessageComposer,
        ChannelTargets,
        NotifyCitizenUseCase,
        NotifyPickupUseCase,
        ZaloFallback,
        CreateTemplateVersionUseCase,
        PreviewTemplateUseCase,
        SendDueMessagesUseCase,
        RecordReceiptUseCase,
        StaffAlertRepository,
        SendDigestsUseCase,
        DigestScheduler,
        MessageDispatcher,
        {
          provide: SmsGatewayAdapter,
          useValue: new HttpSmsGatewayAdapter({
            baseUrl: config.smsGatewayUrl,
            apiKey: config.smsGatewayApiKey,
            brandname: config.smsBrandname,
            timeoutMs: config.smsTimeoutMs,
          }),
        },
        {
          provide: ZaloZnsAdapter,
          useFactory: () =>
            config.zaloZnsUrl
              ? new HttpZaloZnsAdapter({
                  baseUrl: config.zaloZnsUrl,
                  accessToken: config.zaloZnsAccessToken ?? '',
                  timeoutMs: config.smsTimeoutMs,
                })
              : new DisabledZaloZnsAdapter(),
        },
        {
          provide: EmailAdapter,
          useFactory: () =>
            config.smtpUrl
              ? new SmtpEmailAdapter({ url: config.smtpUrl, from: config.emailFrom, timeoutMs: config.smsTimeoutMs })
              : new DisabledEmailAdapter(),
        },
      ],
    };
  }
}
