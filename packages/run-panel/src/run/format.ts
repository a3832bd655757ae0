/** An ISO 8601 time as the reader's local time of day (the text itself when it is no time). */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}
