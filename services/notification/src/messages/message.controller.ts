import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuthUser, CurrentUser, Roles } from '@motcua/auth';
import { DomainError } from '@motcua/platform';
import { DossierRecipientRepository } from '../recipients/dossier-recipient.repository';
import { MessageRepository } from './message.repository';
import { messageView } from './message.view';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('v1/dossiers')
export class MessageController {
  constructor(
    private readonly messages: MessageRepository,
    private readonly recipients: DossierRecipientRepository,
    private readonly db: DataSource,
  ) {}

  /** Messages sent (or queued, or failed) about a dossier, for staff of its receiving or competent agency. */
  @Get(':code/messages')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SPECIALIST', 'APPROVER', 'SUPERVISOR')
  async list(@Param('code') code: string, @CurrentUser() user: AuthUser) {
    const recipient = await this.recipients.findByCode(this.db.manager, code);
    const entitled =
      recipient &&
      (user.roles.includes('ADMIN') || [recipient.receivingAgencyCode, recipient.competentAgencyCode].includes(user.agencyCode));
    if (!recipient || !entitled) throw new DomainError('NOTIFICATION.DOSSIER_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy hồ sơ');
    const messages = await this.messages.listByDossier(this.db.manager, code);
    return { dossierCode: code, messages: messages.map(messageView) };
  }
}

@ApiTags('messages')
@ApiBearerAuth()
@Controller('v1/pickups')
export class PickupMessageController {
  constructor(
    private readonly messages: MessageRepository,
    private readonly db: DataSource,
  ) {}

  /**
   * Messages about a postal pickup (before its dossier exists), for staff of the centre it is brought to;
   * 404 for an unknown pickup or another centre's.
   */
  @Get(':pickupId/messages')
  @Roles('COUNTER_CLERK', 'POSTAL_CLERK', 'SUPERVISOR')
  async list(@Param('pickupId') pickupId: string, @CurrentUser() user: AuthUser) {
    const messages = await this.messages.listByPickup(this.db.manager, pickupId);
    const entitled = user.roles.includes('ADMIN') || messages.some((m) => m.pickupCentreCode === user.agencyCode);
    if (messages.length === 0 || !entitled)
      throw new DomainError('NOTIFICATION.PICKUP_NOT_FOUND', 'NOT_FOUND', 'Không tìm thấy yêu cầu thu gom');
    return { pickupId, messages: messages.map(messageView) };
  }
}
