// HAN join window and joined devices (prepayment.md section 6 `OpenHan`, clarifications 22).
import { toIso } from './clock.js';
import { arr, hex, instant, obj, oneOf } from './parse.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';

export type DeviceClass = 'any' | 'ihd' | 'ppmid' | 'cad' | 'gasMeter';
export const DEVICE_CLASSES: readonly DeviceClass[] = ['any', 'ihd', 'ppmid', 'cad', 'gasMeter'];
export const MAX_HAN_DEVICES = 8;

export interface HanDevice {
  deviceId: string;
  deviceClass: DeviceClass;
}

/** Replaced, never changed in place: shared by drafts. */
export interface Han {
  readonly joinWindow: { readonly until: number; readonly deviceClass: DeviceClass } | null;
  readonly devices: readonly HanDevice[];
}

export interface HanSlice {
  han: Han;
}

export type JoinRefusal = 'noJoinWindow' | 'wrongDeviceClass' | 'hanFull';

/** A device of a concrete class asks to join; device IDs compare case-insensitively. */
export function joinDevice(s: MeterState, deviceClass: Exclude<DeviceClass, 'any'>, deviceId: string): JoinRefusal | null {
  const w = s.han.joinWindow;
  if (w === null || s.time >= w.until) return 'noJoinWindow';
  if (w.deviceClass !== 'any' && w.deviceClass !== deviceClass) return 'wrongDeviceClass';
  const id = deviceId.toUpperCase();
  if (s.han.devices.some((d) => d.deviceId.toUpperCase() === id)) return null;
  if (s.han.devices.length >= MAX_HAN_DEVICES) return 'hanFull';
  s.han = { joinWindow: s.han.joinWindow, devices: [...s.han.devices, { deviceId, deviceClass }] };
  return null;
}

/** The HAN's next boundary: the join window's end. */
export function nextHanBoundary(s: MeterState): number {
  const until = s.han.joinWindow?.until;
  return until !== undefined && until > s.time ? until : Infinity;
}

/** At a boundary: a join window that has run out closes. */
export function closeExpiredJoinWindow(s: MeterState): void {
  if (s.han.joinWindow && s.time >= s.han.joinWindow.until) s.han = { joinWindow: null, devices: s.han.devices };
}

export const HAN: Section<keyof HanSlice, { han: { joinWindow: { until: string; deviceClass: DeviceClass } | null; devices: HanDevice[] } }> = {
  owns: ['han'],
  factory: () => ({ han: { joinWindow: null, devices: [] } }),
  configure: (s, m) => {
    if (m.han === undefined) return;
    const h = obj(m.han, 'meter.han');
    let { joinWindow, devices } = s.han;
    if (h.devices !== undefined) {
      devices = arr(h.devices, 'meter.han.devices', MAX_HAN_DEVICES).map((d, i) => {
        const o = obj(d, `meter.han.devices[${i}]`);
        hex(o.deviceId, `meter.han.devices[${i}].deviceId`, 8);
        return { deviceId: o.deviceId as string, deviceClass: oneOf(o.deviceClass, `meter.han.devices[${i}].deviceClass`, DEVICE_CLASSES.slice(1)) };
      });
    }
    if (h.joinWindow !== undefined && h.joinWindow !== null) {
      const w = obj(h.joinWindow, 'meter.han.joinWindow');
      joinWindow = { until: instant(w.until, 'meter.han.joinWindow.until'), deviceClass: oneOf(w.deviceClass, 'meter.han.joinWindow.deviceClass', DEVICE_CLASSES) };
    }
    s.han = { joinWindow, devices };
  },
  readout: (s) => ({
    han: {
      joinWindow: s.han.joinWindow ? { until: toIso(s.han.joinWindow.until), deviceClass: s.han.joinWindow.deviceClass } : null,
      devices: s.han.devices.map((d) => ({ ...d })),
    },
  }),
};
