import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@motcua/platform';
import { NotificationConfig } from './config/notification.config';
import { NOTIFICATION_ENTITIES, NOTIFICATION_MIGRATIONS } from './database';
import { MessageDispatcher } from './dispatch/message-dispatcher';
import { SendDueMessagesUseCase } from './dispatch/send-due-messages.use-case';
import { HttpSmsGatewayAdapter, SmsGatewayAdapter } from './dispatch/sms-gateway.adapter';
import { DossierEventsController } from './messages/dossier-events.controller';
import { MessageController } from './messages/message.controller';
import { MessageRepository } from './messages/message.repository';
import { NotifyCitizenUseCase } from './messages/notify-citizen.use-case';
import { DossierRecipientRepository } from './recipients/dossier-recipient.repository';

export const NOTIFICATION_SERVICE = {
  service: 'notification',
  apiPrefix: 'api/notification',
  title: 'Một Cửa — notification (thông báo cho công dân)',
};

/** Notification: messages to citizens (SMS now; Zalo ZNS and e-mail later), each sent exactly once. */
@Module({})
export class NotificationModule {
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
      controllers: [MessageController, DossierEventsController],
      providers: [
        DossierRecipientRepository,
        MessageRepository,
        NotifyCitizenUseCase,
        SendDueMessagesUseCase,
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
      ],
    };
  }
}
