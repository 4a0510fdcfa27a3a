/**
 * The Monday (UTC) of the ISO week of `at`, as YYYY-MM-DD: the only capture time the vault keeps.
 * A week holds thousands of enrolments nationally, so the vault row cannot be matched to the
 * application (which the registry timestamps exactly) by its time.
 */
export function captureWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const isoDow = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  day.setUTCDate(day.getUTCDate() - isoDow);
  return day.toISOString().slice(0, 10);
}
