/** What the platform needs from a carrier; VNPost is the first implementation. */
export interface CarrierParty {
  name: string;
  phone: string;
  address: string;
  provinceCode: string;
  communeCode: string;
  districtCode?: string;
}

export interface CreateShipment {
  /** The dossier code: VNPost's order number. */
  orderNumber: string;
  /** Pre-allocated tracking number (item code). */
  itemCode: string;
  sender: CarrierParty;
  receiver: CarrierParty;
  weightGrams: number;
  description: string;
  codAmount: number;
}

export interface CarrierOrder {
  orderId: string;
  itemCode: string;
  statusCode: number;
}

export class CarrierError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** One status change as the carrier's history reports it. */
export interface CarrierStatusEntry {
  statusCode: number;
  time: Date;
  note?: string;
}

/** One page of the carrier's "orders updated in [from, to)" list (items show their current status). */
export interface CarrierUpdatesPage {
  itemCodes: string[];
  page: number;
  totalPages: number;
}

export interface CarrierAdapter {
  readonly name: string;
  /** Creates the shipment; creating the same item code again returns the existing order. */
  createShipment(req: CreateShipment): Promise<CarrierOrder>;
  /** Orders with a status change in [from, to), one page (1-based) of at most `pageSize`. */
  listUpdates(from: Date, to: Date, page: number, pageSize: number): Promise<CarrierUpdatesPage>;
  /** An order's status history, oldest first. */
  history(itemCode: string): Promise<CarrierStatusEntry[]>;
  /**
   * Cancels an order the carrier has not collected yet (cancelling a cancelled order answers it again);
   * a refusal (already collected) is a non-retryable `CarrierError` with status 409.
   */
  cancelShipment(itemCode: string, reason: string): Promise<CarrierOrder>;
}

export const CARRIER_ADAPTER = Symbol('CARRIER_ADAPTER');
