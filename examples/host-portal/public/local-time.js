/** Dates and times in the host's own time zone and locale. */

const two = (/** @type {number} */ n) => String(n).padStart(2, '0');

/**
 * The instant a `datetime-local` value (`2030-03-14T09:30`) names in this browser's time zone,
 * as ISO 8601 with its offset (`2030-03-14T09:30:00-04:00`), or `undefined` for an empty or
 * malformed value. A wall time that does not exist (skipped by a daylight-saving change) moves
 * forward as the browser's own Date does, and the result states the time it moved to.
 *
 * @param {string} value
 */
export function localInputToInstant(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(date.getTime())) return undefined;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${toLocalInput(date)}:${two(date.getSeconds())}${zone}`;
}

/**
 * A `datetime-local` value for `date` in this browser's time zone, to the minute (`2030-03-14T09:30`).
 * @param {Date} date
 */
export function toLocalInput(date) {
  return `${String(date.getFullYear()).padStart(4, '0')}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

/**
 * A `<time>` element showing `iso` in the host's locale and time zone.
 * @param {string} iso
 */
export function timeElement(iso) {
  const element = document.createElement('time');
  element.dateTime = iso;
  element.textContent = dateTime.format(new Date(iso));
  return element;
}
