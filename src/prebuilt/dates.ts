/** Calendar validation for dates of birth and card expiry dates. */

/** A two-digit year as the nearest past year: "90" → 1990, "05" → 2005 (in 2026). */
export function fullBirthYear(year: number, today: Date): number {
  if (year >= 100) return year;
  const current = today.getFullYear();
  const century = Math.floor(current / 100) * 100;
  return century + year <= current ? century + year : century - 100 + year;
}

/** Whether year-month-day exists on the calendar (no February 30, leap years honoured). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const pad2 = (value: number): string => String(value).padStart(2, '0');

/** `YYYY-MM-DD`. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Why the date cannot be a date of birth (not on the calendar, in the future), or null. */
export function birthDateProblem(year: number, month: number, day: number, today: Date): string | null {
  if (!isCalendarDate(year, month, day)) return `${isoDate(year, month, day)} is not a date on the calendar`;
  const todayIso = isoDate(today.getFullYear(), today.getMonth() + 1, today.getDate());
  if (isoDate(year, month, day) > todayIso) return `${isoDate(year, month, day)} is in the future; a date of birth cannot be`;
  if (year < today.getFullYear() - 130) return `${year} is too long ago for a date of birth`;
  return null;
}

/** Why hour:minute is not a time of day, or null. */
export function timeProblem(hour: number, minute: number): string | null {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) return `hour ${hour} is not between 0 and 23`;
  if (!Number.isInteger(minute) || minute < 0 || minute > 59) return `minute ${minute} is not between 0 and 59`;
  return null;
}

/** A card expiry year as given ("29" or "2029") as a full year. */
export function fullExpiryYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

/** Why a card expiring at the end of month/year cannot be used today, or null. Cards are valid through their expiry month. */
export function expiryProblem(month: number, year: number, today: Date): string | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) return `month ${month} is not between 1 and 12`;
  const full = fullExpiryYear(year);
  if (!Number.isInteger(year) || full < 2000 || full > 2099) return `year ${year} is not a card expiry year`;
  const current = today.getFullYear() * 12 + today.getMonth();
  if (full * 12 + (month - 1) < current) return `${pad2(month)}/${pad2(full % 100)} is in the past: the card has expired`;
  if (full > today.getFullYear() + 20) return `${pad2(month)}/${full} is too far in the future for a card expiry date`;
  return null;
}
