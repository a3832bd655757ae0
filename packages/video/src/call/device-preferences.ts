/**
 * The camera and microphone a participant chose (in `<interview-device-check>` or in the call's
 * device panel), remembered in `localStorage` so that the call uses them when it joins, also on
 * the next visit. Only explicit choices are stored; an empty id means "the browser's default".
 *
 * @module
 */

/** The chosen devices; `''` for the browser's default. */
export interface DeviceChoice {
  cameraId: string;
  microphoneId: string;
}

/** The `localStorage` key holding the {@link DeviceChoice}, namespaced by the kit. */
export const DEVICE_CHOICE_STORAGE_KEY = 'interview-kit:media-devices';

const NO_CHOICE: DeviceChoice = { cameraId: '', microphoneId: '' };

/** `localStorage`, or `undefined` where the page may not use it (sandboxed frames, blocked storage). */
function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** The remembered choice; no choice when nothing (or something unreadable) is stored. */
export function readDeviceChoice(): DeviceChoice {
  let stored: unknown;
  try {
    stored = JSON.parse(storage()?.getItem(DEVICE_CHOICE_STORAGE_KEY) ?? 'null');
  } catch {
    return NO_CHOICE;
  }
  if (typeof stored !== 'object' || stored === null) return NO_CHOICE;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const { cameraId, microphoneId } = stored as Record<string, unknown>;
  return { cameraId: text(cameraId), microphoneId: text(microphoneId) };
}

/** Remembers `change` over the stored choice; returns the whole choice now remembered. */
export function saveDeviceChoice(change: Partial<DeviceChoice>): DeviceChoice {
  const choice = { ...readDeviceChoice(), ...change };
  try {
    storage()?.setItem(DEVICE_CHOICE_STORAGE_KEY, JSON.stringify(choice));
  } catch {
    // Storage full or blocked: the choice holds for this page only.
  }
  return choice;
}
