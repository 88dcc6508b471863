import { maskDigits } from '@motcua/platform';

/** A phone as `*******678`, an e-mail address as `h*********@example.vn`: for logs and the staff API. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return maskDigits(address);
  return at === 0 ? '***' : `${address[0]}${'*'.repeat(Math.max(at - 1, 1))}${address.slice(at)}`;
}
