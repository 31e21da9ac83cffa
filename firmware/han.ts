// HAN join window and joined devices (prepayment.md section 6 `OpenHan`, clarifications 22).
import { MAX_HAN_DEVICES, type DeviceClass, type MeterState } from './state.js';

export type JoinRefusal = 'noJoinWindow' | 'wrongDeviceClass' | 'hanFull';

/** A device of a concrete class asks to join; device IDs compare case-insensitively. */
export function joinDevice(s: MeterState, deviceClass: Exclude<DeviceClass, 'any'>, deviceId: string): JoinRefusal | null {
  const w = s.han.joinWindow;
  if (w === null || s.time >= w.until) return 'noJoinWindow';
  if (w.deviceClass !== 'any' && w.deviceClass !== deviceClass) return 'wrongDeviceClass';
  const id = deviceId.toUpperCase();
  if (s.han.devices.some((d) => d.deviceId.toUpperCase() === id)) return null;
  if (s.han.devices.length >= MAX_HAN_DEVICES) return 'hanFull';
  s.han.devices = [...s.han.devices, { deviceId, deviceClass }];
  return null;
}

/** The HAN's next boundary: the join window's end. */
export function nextHanBoundary(s: MeterState): number {
  const until = s.han.joinWindow?.until;
  return until !== undefined && until > s.time ? until : Infinity;
}

/** At a boundary: a join window that has run out closes. */
export function closeExpiredJoinWindow(s: MeterState): void {
  if (s.han.joinWindow && s.time >= s.han.joinWindow.until) s.han.joinWindow = null;
}
