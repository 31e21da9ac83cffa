// The meter's state (prepayment.md section 2): plain JSON data (numbers, strings, booleans, null),
// money in milli-pence (mp), energy in joules (J), time in UTC seconds. Each section declares its own
// slice beside its rules; the state is their union, and sections.ts assembles a factory-fresh meter,
// a draft copy, commissioning and the read-out from the same sections.
import type { ChargesSlice } from './charges.js';
import type { CalendarsSlice } from './calendar.js';
import type { ClockSlice } from './clock.js';
import type { DebtSlice } from './debt.js';
import type { DisplaySlice } from './display.js';
import type { EmergencyCreditSlice } from './emergency-credit.js';
import type { EventsSlice } from './events.js';
import type { HanSlice } from './han.js';
import type { IdentitySlice } from './identity.js';
import type { KeypadSlice } from './keypad.js';
import type { PaymentModeSlice } from './payment-mode.js';
import type { PowerSlice } from './power.js';
import type { SettingsSlice } from './settings.js';
import type { SupplySlice } from './supply.js';
import type { TariffSlice } from './tariff.js';
import type { TenancySlice } from './tenancy.js';
import type { CounterCacheSlice } from './tokens/counter-cache.js';
import type { TopUpSlice } from './topup.js';

export type MeterState = ClockSlice &
  IdentitySlice &
  SettingsSlice &
  PaymentModeSlice &
  SupplySlice &
  ChargesSlice &
  DebtSlice &
  CounterCacheSlice &
  EmergencyCreditSlice &
  TariffSlice &
  CalendarsSlice &
  HanSlice &
  KeypadSlice &
  TenancySlice &
  PowerSlice &
  DisplaySlice &
  EventsSlice &
  TopUpSlice;
