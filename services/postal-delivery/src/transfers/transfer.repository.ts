import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In } from 'typeorm';
import type { TransferPurpose } from '@motcua/contracts';
import { DeliveryOrder } from '../orders/delivery-order.entity';
import { PaperDossier } from './paper-dossier.entity';
import { PaperTransfer } from './paper-transfer.entity';

@Injectable()
export class TransferRepository {
  async insertPaper(m: EntityManager, paper: Omit<PaperDossier, 'createdAt'>): Promise<void> {
    await m.createQueryBuilder().insert().into(PaperDossier).values(paper).orIgnore().execute();
  }

  /** The dossier's paper, row-locked: transfers of one dossier (parallel branches) are decided one at a time. */
  lockPaper(m: EntityManager, dossierCode: string): Promise<PaperDossier | null> {
    return m.getRepository(PaperDossier).findOne({ where: { dossierCode }, lock: { mode: 'pessimistic_write' } });
  }

  savePaper(m: EntityManager, paper: PaperDossier): Promise<PaperDossier> {
    return m.getRepository(PaperDossier).save(paper);
  }

  findExisting(
    m: EntityManager,
    dossierCode: string,
    purpose: TransferPurpose,
    fromAgencyCode: string,
    toAgencyCode: string,
  ): Promise<PaperTransfer | null> {
    return m.getRepository(PaperTransfer).findOne({ where: { dossierCode, purpose, fromAgencyCode, toAgencyCode } });
  }

  insert(m: EntityManager, transfer: Omit<PaperTransfer, 'id' | 'createdAt' | 'handedOverAt' | 'deliveredAt'>): Promise<PaperTransfer> {
    const repo = m.getRepository(PaperTransfer);
    return repo.save(repo.create({ ...transfer, handedOverAt: null, deliveredAt: null }));
  }

  save(m: EntityManager, transfer: PaperTransfer): Promise<PaperTransfer> {
    return m.getRepository(PaperTransfer).save(transfer);
  }

  findByOrder(m: EntityManager, orderId: string, lock = false): Promise<PaperTransfer | null> {
    return m
      .getRepository(PaperTransfer)
      .findOne({ where: { orderId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findById(m: EntityManager, id: string): Promise<PaperTransfer | null> {
    return m.getRepository(PaperTransfer).findOne({ where: { id } });
  }

  findByDossier(m: EntityManager, dossierCode: string): Promise<PaperTransfer[]> {
    return m.getRepository(PaperTransfer).find({ where: { dossierCode }, order: { createdAt: 'ASC' } });
  }

  /** Transfers leaving or reaching an agency (all agencies when null), newest first. */
  listForAgency(
    m: EntityManager,
    agencyCode: string | null,
    filter: { direction?: 'OUTGOING' | 'INCOMING'; dossierCode?: string; includeCentre: boolean; limit: number },
  ): Promise<PaperTransfer[]> {
    const q = m.getRepository(PaperTransfer).createQueryBuilder('t');
    if (agencyCode) {
      q.where(
        new Brackets((w) => {
          if (filter.direction !== 'INCOMING') w.orWhere('t.from_agency_code = :agencyCode', { agencyCode });
          if (filter.direction !== 'OUTGOING') w.orWhere('t.to_agency_code = :agencyCode', { agencyCode });
          if (filter.includeCentre) w.orWhere('t.centre_code = :agencyCode', { agencyCode });
        }),
      );
    }
    if (filter.dossierCode) q.andWhere('t.dossier_code = :dossierCode', { dossierCode: filter.dossierCode });
    return q.orderBy('t.created_at', 'DESC').addOrderBy('t.id', 'ASC').limit(filter.limit).getMany();
  }

  /** Transfers an agency handed to the post (sender), created in [from, to), oldest first. */
  findSentBy(m: EntityManager, agencyCode: string, from: Date, to: Date): Promise<PaperTransfer[]> {
    return m
      .getRepository(PaperTransfer)
      .createQueryBuilder('t')
      .where('t.from_agency_code = :agencyCode', { agencyCode })
      .andWhere('t.created_at >= :from AND t.created_at < :to', { from, to })
      .orderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
  }

  /** The carrier orders of these transfers. */
  ordersOf(m: EntityManager, orderIds: string[]): Promise<DeliveryOrder[]> {
    return orderIds.length ? m.getRepository(DeliveryOrder).find({ where: { id: In(orderIds) } }) : Promise.resolve([]);
  }
}
