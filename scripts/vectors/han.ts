// HAN-: the join window and joined devices (prepayment.md 6, clarifications 22, 28).
import { vectorsOf, advance, cmd, meter, read, T0, token, type Step, type VectorSource } from './common.js';

const v = vectorsOf('HAN', ['han'], ['prepayment.md 6']);

const OPEN_PPMID_60 = '06147 71810 67103 41690 53425 25000 06215 20601'; // token-examples: OpenHan 60 min, class 2, counter 15
const join = (deviceClass: string, deviceId: string, accepted: boolean, reason?: string): Step => ({ op: 'join', deviceClass, deviceId, expect: reason ? { ok: true, accepted, reason } : { ok: true, accepted } });
const ids = (n: number) => `00112233445566${String(n).padStart(2, '0')}`;

export const han: VectorSource[] = [
  v(1, 'OpenHan 60 min for PPMIDs: a PPMID joins', 'Window until 08:00 + 60 min.', { utrnCounters: [14] }, [token(OPEN_PPMID_60, { result: 'Accepted' }), read({ han: { joinWindow: { until: '2026-02-02T09:00:00Z', deviceClass: 'ppmid' } } }), join('ppmid', ids(1), true), read({ han: { devices: [{ deviceId: ids(1), deviceClass: 'ppmid' }] } })]),
  v(2, 'A device of another class is refused (wrongDeviceClass)', 'Window for PPMIDs; an IHD asks.', { utrnCounters: [14] }, [token(OPEN_PPMID_60, { result: 'Accepted' }), join('ihd', ids(1), false, 'wrongDeviceClass'), read({ han: { devices: [] } })], ['clarifications.md 28']),
  v(3, 'The window closes at its end; a later join is refused (noJoinWindow)', 'now >= until resets the window to null (clarifications 6).', { utrnCounters: [14] }, [token(OPEN_PPMID_60, { result: 'Accepted' }), advance('2026-02-02T09:00:00Z'), read({ han: { joinWindow: null } }), join('ppmid', ids(1), false, 'noJoinWindow')], ['clarifications.md 6']),
  v(4, 'No window: a join is refused', 'Factory: no join window.', {}, [join('ihd', ids(1), false, 'noJoinWindow')], ['clarifications.md 28']),
  v(5, 'Device class 0 admits any concrete class', 'An IHD, a CAD and a gas meter join.', { utrnCounters: [100] }, [token(cmd('OpenHan', 101, { minutes: 5, deviceClass: 0 }), { result: 'Accepted' }), join('ihd', ids(1), true), join('cad', ids(2), true), join('gasMeter', ids(3), true), read({ han: { joinWindow: { until: '2026-02-02T08:05:00Z', deviceClass: 'any' }, devices: [{ deviceId: ids(1), deviceClass: 'ihd' }, { deviceId: ids(2), deviceClass: 'cad' }, { deviceId: ids(3), deviceClass: 'gasMeter' }] } })]),
  v(6, 'A device already joined is accepted again and not added twice', 'clarifications 22.', { utrnCounters: [14] }, [token(OPEN_PPMID_60, { result: 'Accepted' }), join('ppmid', ids(1), true), join('ppmid', ids(1), true), read({ han: { devices: [{ deviceId: ids(1), deviceClass: 'ppmid' }] } })], ['clarifications.md 22']),
  v(7, 'A ninth device is refused (hanFull)', '7 commissioned + 1 joins = 8; the ninth is refused.', { utrnCounters: [100], han: { devices: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ deviceId: ids(n), deviceClass: 'ihd' })) } }, [token(cmd('OpenHan', 101, { minutes: 5, deviceClass: 1 }), { result: 'Accepted' }), join('ihd', ids(8), true), join('ihd', ids(9), false, 'hanFull')], ['clarifications.md 28']),
  v(8, "A join stating class 'any' is a malformed request", 'A joining device states a concrete class (clarifications 22).', {}, [{ op: 'join', deviceClass: 'any', deviceId: ids(1), expect: { ok: false } }], ['clarifications.md 22']),
  v(9, 'OpenHan while a window is open replaces it', 'PPMID 60 min, then class 1 (IHD) 10 min at the same instant: until 08:10, class ihd.', { utrnCounters: [14] }, [token(OPEN_PPMID_60, { result: 'Accepted' }), token(cmd('OpenHan', 16, { minutes: 10, deviceClass: 1 }), { result: 'Accepted' }), read({ han: { joinWindow: { until: '2026-02-02T08:10:00Z', deviceClass: 'ihd' } } })], ['clarifications.md 22']),
  v(10, 'RevertToDefaults with the HAN bit removes joined devices and the window', 'scope 0x40.', { utrnCounters: [14] }, [token(OPEN_PPMID_60, { result: 'Accepted' }), join('ppmid', ids(1), true), token(cmd('RevertToDefaults', 16, { scope: 0x40, tenancyDay: 0 }), { result: 'Accepted' }), read({ han: { joinWindow: null, devices: [] }, counterFloor: 16 })], ['prepayment.md 6']),
];
