/**
 * Instants as the world stores them: ISO-8601 strings (`Date#toISOString` shape) built without a Date per call,
 * and kept flat in memory — a 100k-person world holds over a million of them.
 */

export const DAY_MS = 86_400_000;

/**
 * Force V8 to flatten a string built by concatenation (a rope costs ~300 bytes for a timestamp, a flat string
 * ~48). Reading a character is enough.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

export function seconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));

/**
 * `Date#toISOString` for years 0–9999, without allocating a Date (worlds format millions of instants).
 * Civil-from-days after H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".
 */
export function iso(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(ms).toISOString();
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor((inDay % 3_600_000) / 60_000);
  const secs = Math.floor((inDay % 60_000) / 1000);
  const millis = inDay % 1000;
  const yyyy = year < 1000 ? String(year).padStart(4, "0") : String(year);
  const sss = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : String(millis);
  return flat(
    `${yyyy}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[secs]}.${sss}Z`,
  );
}

export function isoDate(ms: number): string {
  return iso(ms).slice(0, 10);
}
