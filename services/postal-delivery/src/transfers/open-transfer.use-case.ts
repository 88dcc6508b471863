import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DossierResolvedV1, ProcessingStepStartedV1, TransferPurpose } from '@motcua/contracts';
import { runInTransaction } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/platform';
import { PostalConfig } from '../config/postal.config';
import { OrderDispatcher } from '../orders/order-dispatcher';
import { OrderRepository } from '../orders/order.repository';
import { TrackingPool } from '../tracking/tracking-pool';
import { AgencyDirectory } from './agency-directory';
import { PaperDossier } from './paper-dossier.entity';
import { TransferPolicy } from './transfer-policy';
import { TransferRepository } from './transfer.repository';

/**
 * Opens paper transfers: when routing starts a step at an agency where the paper is not, and the
 * province's rule says the paper travels there, a carrier order of kind TRANSFER (tracking number from
 * the pool) carries it from where it is; once the dossier is resolved, the paper comes back to the
 * receiving centre. Parallel branches started by one completion (same start time) all take the paper
 * from where it was before the first of them moved it. One transfer per dossier, purpose and
 * destination, so a redelivered event opens nothing more.
 */
@Injectable()
export class OpenTransferUseCase {
  private readonly policy: TransferPolicy;

  constructor(
    private readonly db: DataSource,
    private readonly transfers: TransferRepository,
    private readonly orders: OrderRepository,
    private readonly pool: TrackingPool,
    private readonly dispatcher: OrderDispatcher,
    private readonly directory: AgencyDirectory,
    @Inject(SERVICE_CONFIG) config: PostalConfig,
  ) {
    this.policy = new TransferPolicy(config);
  }

  async onStepStarted(e: ProcessingStepStartedV1): Promise<void> {
    const opened = await runInTransaction(this.db, async (m) => {
      const paper = await this.paperOf(m, e.dossierCode);
      if (!paper) return false;
      const startedAt = new Date(e.startedAt);
      // reported late (a redelivery after a failure): the dossier is resolved, or a later step already moved the paper
      if (paper.resolvedAt) return false;
      if (paper.previousLocationCode !== null && startedAt.getTime() < paper.locationSince.getTime()) return false;
      const sibling = paper.previousLocationCode !== null && startedAt.getTime() === paper.locationSince.getTime();
      const to = e.agencyCode;
      const step = { id: e.stepId, name: e.stepName };
      if (sibling) {
        // a parallel branch: its copy leaves from where the paper was before the first branch moved it
        const from = paper.previousLocationCode as string;
        if (to === paper.locationCode || paper.copyHolders.includes(to)) return false;
        if (to !== from && !this.policy.travelsTo(to, paper.centreCode)) return false;
        paper.copyHolders = [...paper.copyHolders, to];
        await this.transfers.savePaper(m, paper);
        if (to === from) return false; // the branch works where the paper was: a copy stays there
        return this.openOnce(m, paper, 'STEP', from, to, step);
      }
      // a later step: the paper, and every copy that went down a parallel branch (the branches rejoin), goes there
      const holders = this.holders(paper).filter((h) => h !== to);
      const travelling = this.policy.travelsTo(to, paper.centreCode) ? holders : [];
      if (to === paper.locationCode && !paper.copyHolders.length) return false;
      if (to !== paper.locationCode && !travelling.length) return false;
      paper.previousLocationCode = paper.locationCode;
      paper.locationCode = to;
      paper.locationSince = startedAt;
      paper.copyHolders = [];
      await this.transfers.savePaper(m, paper);
      let any = false;
      for (const from of travelling) any = (await this.openOnce(m, paper, 'STEP', from, to, step)) || any;
      return any;
    });
    if (opened) this.dispatcher.kick();
  }

  /** The result is ready: the paper (each copy) that is away from the receiving centre comes back to it. */
  async onResolved(e: DossierResolvedV1): Promise<void> {
    const opened = await runInTransaction(this.db, async (m) => {
      const paper = await this.paperOf(m, e.dossierCode);
      if (!paper || paper.resolvedAt) return false;
      paper.resolvedAt = new Date(e.resolvedAt);
      const away = this.holders(paper).filter((h) => h !== paper.centreCode);
      if (away.length) {
        paper.previousLocationCode = paper.locationCode;
        paper.locationCode = paper.centreCode;
        paper.locationSince = new Date(e.resolvedAt);
        paper.copyHolders = [];
      }
      await this.transfers.savePaper(m, paper);
      for (const from of away) await this.openOnce(m, paper, 'RETURN', from, paper.centreCode, null);
      return away.length > 0;
    });
    if (opened) this.dispatcher.kick();
  }

  /** Every agency holding the paper or a copy of it: where it is first, then the parallel branches' copies. */
  private holders(paper: PaperDossier): string[] {
    return [paper.locationCode, ...paper.copyHolders.filter((h) => h !== paper.locationCode)];
  }

  private async openOnce(
    m: EntityManager,
    paper: PaperDossier,
    purpose: TransferPurpose,
    from: string,
    to: string,
    step: { id: string; name: string } | null,
  ): Promise<boolean> {
    if (await this.transfers.findExisting(m, paper.dossierCode, purpose, from, to)) return false;
    await this.open(m, paper, purpose, from, to, step);
    return true;
  }

  /** The dossier's paper, locked; null when it has none. Not received here yet: the bus retries. */
  private async paperOf(m: EntityManager, dossierCode: string): Promise<PaperDossier | null> {
    const paper = await this.transfers.lockPaper(m, dossierCode);
    if (paper) return paper;
    if (!(await this.orders.findRequest(m, dossierCode))) throw new Error(`No dossier.received seen yet for ${dossierCode}`);
    return null; // an online dossier: no paper travels
  }

  private async open(
    m: EntityManager,
    paper: PaperDossier,
    purpose: TransferPurpose,
    from: string,
    to: string,
    step: { id: string; name: string } | null,
  ): Promise<void> {
    const order = await this.orders.insertOrder(m, {
      dossierCode: `CT-${paper.dossierCode}-${purpose}-${from}-${to}`,
      kind: 'TRANSFER',
      carrier: 'VNPOST',
      trackingNumber: null,
      carrierOrderId: null,
      state: 'PENDING',
      lastCarrierStatus: null,
      recipientName: this.directory.name(to, paper.centreCode),
      submitAttempts: 0,
      nextAttemptAt: null,
      lastError: null,
      deliveredAt: null,
      centreCode: from,
      postage: 0,
      codAmount: 0,
    });
    if (!order) throw new Error(`Transfer order of ${paper.dossierCode} to ${to} exists without its transfer`);
    order.trackingNumber = await this.pool.allocate(m, Number(order.serial));
    order.dossierCode = `CT-${order.trackingNumber}`; // the reference: the carrier's order number
    await this.orders.saveOrder(m, order);
    await this.transfers.insert(m, {
      dossierCode: paper.dossierCode,
      purpose,
      orderId: order.id,
      stepId: step?.id ?? null,
      stepName: step?.name ?? null,
      fromAgencyCode: from,
      toAgencyCode: to,
      centreCode: paper.centreCode,
    });
  }
}
