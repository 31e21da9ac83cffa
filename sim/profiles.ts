// Household load profiles for the emulator: watts for each local hour of the day.
export interface LoadProfile {
  name: string;
  /** 24 values, local hours 0..23; null means a constant load set by hand */
  hourly: readonly number[] | null;
}

export const PROFILES: readonly LoadProfile[] = [
  { name: 'manual', hourly: null },
  { name: 'family', hourly: [300, 250, 250, 250, 300, 500, 900, 1200, 800, 600, 500, 500, 600, 500, 500, 600, 900, 1500, 2000, 1800, 1200, 900, 600, 400] },
  { name: 'night storage', hourly: [3000, 3000, 3000, 3000, 3000, 3000, 2000, 400, 300, 300, 300, 300, 300, 300, 300, 300, 400, 600, 700, 600, 500, 400, 2000, 3000] },
  { name: 'single occupant', hourly: [150, 150, 150, 150, 150, 150, 300, 600, 200, 150, 150, 150, 150, 150, 150, 150, 200, 500, 700, 500, 400, 300, 200, 150] },
];
