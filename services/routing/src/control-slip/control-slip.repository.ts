import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { ControlSlipEntry } from './control-slip-entry.entity';

export type NewHandOver = Omit<ControlSlipEntry, 'id' | 'receiverId' | 'receiverName' | 'transferId' | 'trackingNumber'> &
  Partial<Pick<ControlSlipEntry, 'receiverId' | 'receiverName' | 'transferId' | 'trackingNumber'>>;

@Injectable()
export class ControlSlipRepository {
  async record(m: EntityManager, entries: NewHandOver[]): Promise<void> {
    if (!entries.length) return;
    await m.getRepository(ControlSlipEntry).insert(entries.map((e) => ({ receiverId: null, receiverName: null, ...e })));
  }

  /** The person acting on a step is the receiver of the hand-overs to it that nobody took yet. */
  async markReceived(m: EntityManager, instanceId: string, stepKey: string, receiverId: string, receiverName: string): Promise<void> {
    await m.getRepository(ControlSlipEntry).update({ instanceId, toStepKey: stepKey, receiverId: IsNull() }, { receiverId, receiverName });
  }

  /** In the order of the hand-overs (postal legs are reported later than they happened, possibly out of order). */
  entries(m: EntityManager, dossierCode: string): Promise<ControlSlipEntry[]> {
    return m.getRepository(ControlSlipEntry).find({ where: { dossierCode }, order: { handedOverAt: 'ASC', id: 'ASC' } });
  }
}
