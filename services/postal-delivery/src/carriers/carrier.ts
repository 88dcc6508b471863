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

export interface CarrierAdapter {
  readonly name: string;
  /** Creates the shipment; creating the same item code again returns the existing order. */
  createShipment(req: CreateShipment): Promise<CarrierOrder>;
}

export const CARRIER_ADAPTER = Symbol('CARRIER_ADAPTER');
