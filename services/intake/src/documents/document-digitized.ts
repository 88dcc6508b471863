import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DOSSIER_DOCUMENT_DIGITIZED, DossierDocumentDigitizedV1 } from '@motcua/contracts';
import { Outbox } from '@motcua/messaging';
import type { ProcedureComponent } from '../catalog/procedure.entity';
import type { ReceivedComponent } from '../dossiers/dossier.entity';
import { DossierDocument } from './document.entity';

/**
 * The 1-based component indexes the dossier was received with: its `received_components` (form 01 lists
 * them); when reception did not list them (null), the required components of the procedure version kept for
 * the dossier, because that is what form 01 prints for such a dossier (forms.controller.ts receipt) and a
 * conditional component is not part of every dossier; no procedure on file: none (0).
 */
export function receivedIndexes(received: ReceivedComponent[] | null, procedureComponents: ProcedureComponent[] | null): number[] {
  if (received) return [...new Set(received.map((c) => c.index))];
  return (procedureComponents ?? []).flatMap((c, i) => (c.required ? [i + 1] : []));
}

/**
 * Publishes `dossier.document-digitized` for a document just stored, with the dossier's running totals,
 * through the outbox in the same transaction as the document row. Call `lockDossier` first in that
 * transaction (before inserting the document): concurrent uploads for one dossier then count one after the
 * other, so every event's totals include every document committed before it.
 */
@Injectable()
export class DocumentDigitizedPublisher {
  constructor(@Inject(Outbox) private readonly outbox: Outbox) {}

  /** Locks the dossier row until commit (FOR UPDATE) and reads its received components afresh. */
  async lockDossier(m: EntityManager, dossierId: string): Promise<ReceivedComponent[] | null> {
    const rows: { received_components: ReceivedComponent[] | null }[] = await m.query(
      'SELECT received_components FROM dossier WHERE id = $1 FOR UPDATE',
      [dossierId],
    );
    return rows[0]?.received_components ?? null;
  }

  async publish(
    m: EntityManager,
    document: DossierDocument,
    received: ReceivedComponent[] | null,
    procedureComponents: ProcedureComponent[] | null,
  ): Promise<void> {
    const indexes = receivedIndexes(received, procedureComponents);
    const [totals]: { digitized: number; reused: number }[] = await m.query(
      `SELECT count(DISTINCT component_index)::int AS digitized,
              count(DISTINCT component_index) FILTER (WHERE reused_from_document_id IS NOT NULL)::int AS reused
         FROM dossier_document
        WHERE dossier_id = $1 AND kind = 'COMPONENT' AND component_index = ANY($2::int[])`,
      [document.dossierId, indexes],
    );
    const event: DossierDocumentDigitizedV1 = {
      dossierCode: document.dossierCode,
      documentId: document.id,
      kind: document.kind,
      componentIndex: document.componentIndex ?? undefined,
      reused: document.reusedFromDocumentId !== null,
      digitizedAt: document.uploadedAt.toISOString(),
      componentsReceived: indexes.length,
      componentsDigitized: totals.digitized,
      componentsReused: totals.reused,
    };
    await this.outbox.add(DOSSIER_DOCUMENT_DIGITIZED, 1, event, { correlationId: document.dossierCode });
  }
}
