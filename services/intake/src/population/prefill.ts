import type { PopulationRecord } from './population-data';

/** The applicant fields a clerk's form is pre-filled with ("công dân không viết"). */
export interface ApplicantPrefill {
  idNumber: string;
  fullName: string;
  dateOfBirth: string;
  gender: 'MALE' | 'FEMALE';
  phone: string | null;
  email: string | null;
  permanentResidence: PopulationRecord['permanentResidence'];
}

export function prefillFrom(r: PopulationRecord): ApplicantPrefill {
  return {
    idNumber: r.idNumber,
    fullName: r.fullName.normalize('NFC'),
    dateOfBirth: r.dateOfBirth,
    gender: r.gender,
    phone: r.phone ?? null,
    email: r.email ?? null,
    permanentResidence: r.permanentResidence,
  };
}

/** Fills what the clerk left empty (never overrides what was typed); answers the filled applicant and the fields filled. */
export function fillApplicant<
  A extends {
    fullName?: string;
    idNumber: string;
    phone?: string;
    email?: string;
    residence?: { line?: string; communeCode: string; provinceCode: string };
  },
>(applicant: A, record: PopulationRecord): { applicant: A; filled: string[] } {
  const out = { ...applicant };
  const filled: string[] = [];
  if (!out.fullName) {
    out.fullName = record.fullName.normalize('NFC');
    filled.push('fullName');
  }
  if (!out.phone && record.phone) {
    out.phone = record.phone;
    filled.push('phone');
  }
  if (!out.email && record.email) {
    out.email = record.email;
    filled.push('email');
  }
  if (!out.residence && record.permanentResidence?.communeCode) {
    const r = record.permanentResidence;
    out.residence = { line: r.line, communeCode: r.communeCode, provinceCode: r.provinceCode };
    filled.push('residence');
  }
  return { applicant: out, filled };
}
