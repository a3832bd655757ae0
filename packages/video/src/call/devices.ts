import { mediaErrorCode } from './errors.js';
import type { DeviceKind, DeviceOption } from './state.js';

const KINDS: DeviceKind[] = ['audioinput', 'videoinput', 'audiooutput'];

/** The devices the browser lists, by kind. Labels are empty until a permission was granted; a placeholder stands in. */
export async function listDevices(): Promise<Record<DeviceKind, DeviceOption[]>> {
  const lists: Record<DeviceKind, DeviceOption[]> = { audioinput: [], videoinput: [], audiooutput: [] };
  const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  for (const device of devices) {
    if (!KINDS.includes(device.kind) || !device.deviceId) continue;
    const list = lists[device.kind];
    list.push({ deviceId: device.deviceId, label: device.label || `${device.kind} ${list.length + 1}` });
  }
  return lists;
}

/** Calls `onChange` whenever devices are plugged in or out; returns the unsubscriber. */
export function watchDevices(onChange: () => void): () => void {
  const media = navigator.mediaDevices;
  if (!media?.addEventListener) return () => {};
  media.addEventListener('devicechange', onChange);
  return () => media.removeEventListener('devicechange', onChange);
}

/** The id of the device a live track captures from, if the browser tells. */
export function deviceIdOf(track: MediaStreamTrack | undefined): string {
  return track?.getSettings?.().deviceId ?? '';
}

/** A capture's constraint for one kind of media: a device asked for exactly, or `true` for the default. */
export type DeviceConstraint = true | MediaTrackConstraints;

/**
 * Captures from the device `deviceId` exactly (`deviceId: { exact }`); when that device is gone
 * (unplugged, or an id remembered from another machine), from the browser's default device
 * instead. Without an id, captures from the default. Other failures (a blocked permission) reject.
 */
export async function captureFrom<T>(deviceId: string, capture: (constraint: DeviceConstraint) => Promise<T>): Promise<T> {
  if (!deviceId) return capture(true);
  try {
    return await capture({ deviceId: { exact: deviceId } });
  } catch (error) {
    if (mediaErrorCode(error) !== 'no-devices') throw error;
    return capture(true);
  }
}
