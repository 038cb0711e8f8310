export const PERSON_STATUSES = ["active", "leave", "terminated"] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** A person from the source of truth (HR system or IdP). */
export interface Person {
  employeeId: string;
  email: string;
  aliases: string[];
  firstName: string;
  lastName: string;
  department: string | null;
  title: string | null;
  managerId: string | null;
  status: PersonStatus;
  /** ISO dates (YYYY-MM-DD). */
  startDate: string | null;
  endDate: string | null;
}

/** Lower-case and trim an e-mail address for comparison. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at < 0 ? null : normaliseEmail(email.slice(at + 1));
}
