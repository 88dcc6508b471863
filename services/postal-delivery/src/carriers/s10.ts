/**
 * UPU S10 item identifiers (e.g. EM123456785VN): two letters, 8 serial digits, a check digit, the
 * country code. VNPost item codes follow this form.
 */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new Error(`S10 serial must be 8 digits: ${serial}`);
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

export function s10TrackingNumber(prefix: string, sequence: number): string {
  const serial = String(sequence % 100_000_000).padStart(8, '0');
  return `${prefix.toUpperCase()}${serial}${s10CheckDigit(serial)}VN`;
}

export function isValidS10(code: string): boolean {
  const m = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(code);
  return !!m && s10CheckDigit(m[1]) === Number(m[2]);
}
