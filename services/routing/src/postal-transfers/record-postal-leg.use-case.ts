import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostalTransferDeliveredV1, PostalTransferHandedOverV1 } from '@motcua/contracts';
import { ControlSlipEntry } from '../control-slip/control-slip-entry.entity';
import { NewHandOver } from '../control-slip/control-slip.repository';
import { TaskRepository } from '../tasks/task.repository';
import { managerOf } from '@motcua/messaging';

/** The post, as giver or receiver on the control slip. */
export const POST_ID = 'VNPOST';
export const POST_NAME = 'Bưu điện (VNPost)';
/** What the receiving centre does with the paper that came back (RETURN transfers carry no step). */
export const RETURN_STEP_NAME = 'Trả kết quả';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PostalLeg = 'HANDED_OVER' | 'DELIVERED';

/**
 * Records a postal leg of a paper dossier on the control slip (DOMAIN §2 step 3: for postal hand-overs the
 * postal receipt is the evidence of time): the sending agency hands the paper to the post (time = the postal
 * receipt), and the post delivers it to the receiving agency (time = the carrier's delivery). Each leg is one
 * line per transfer (`ux_control_slip_entry_transfer`): copies change nothing, and the delivery may come before
 * the hand-over (the slip is ordered by time). A dossier routing does not know (yet) fails, so the bus retries.
 */
@Injectable()
export class RecordPostalLegUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: TaskRepository,
  ) {}

  async execute(leg: PostalLeg, e: PostalTransferHandedOverV1 | PostalTransferDeliveredV1): Promise<void> {
    const m = managerOf(this.db);
    const instance = await this.tasks.findInstanceByDossier(m, e.dossierCode);
    if (!instance) throw new Error(`Postal transfer ${e.transferId} of unknown dossier ${e.dossierCode}: retried until routing knows it`);
    const task = e.stepId && UUID.test(e.stepId) ? await this.tasks.findTask(m, e.stepId) : null;
    const step = task && task.instanceId === instance.id ? task : null;
    const toStepName = step?.name ?? (e.purpose === 'RETURN' ? RETURN_STEP_NAME : null);
    const common = {
      instanceId: instance.id,
      dossierCode: instance.dossierCode,
      handedOverAt: new Date(e.at),
      fromStepKey: null,
      fromStepName: null,
      outcome: null,
      transferId: e.transferId,
      trackingNumber: e.trackingNumber,
      note: `Số hiệu bưu gửi ${e.trackingNumber}`,
    };
    const line: NewHandOver =
      leg === 'HANDED_OVER'
        ? {
            ...common,
            kind: 'POSTAL_HANDED_OVER',
            // the sending agency gives the paper to the post: the postal receipt is the evidence of time
            giverId: e.fromAgencyCode,
            giverName: 'Cơ quan chuyển hồ sơ giấy',
            giverAgencyCode: e.fromAgencyCode,
            receiverAgencyCode: POST_ID,
            receiverRole: null,
            receiverId: POST_ID,
            receiverName: POST_NAME,
            // no step key: the person acting on the step does not receive from the sender, the post does
            toStepKey: null,
            toStepName,
          }
        : {
            ...common,
            kind: 'POSTAL_DELIVERED',
            giverId: POST_ID,
            giverName: POST_NAME,
            giverAgencyCode: POST_ID,
            receiverAgencyCode: e.toAgencyCode,
            receiverRole: step?.role ?? null,
            // the person who acts on the step is filled in then (markReceived), as for any hand-over to it
            toStepKey: step?.stepKey ?? null,
            toStepName,
          };
    await m
      .createQueryBuilder()
      .insert()
      .into(ControlSlipEntry)
      .values({ receiverId: null, receiverName: null, ...line })
      .orIgnore()
      .execute();
  }
}
