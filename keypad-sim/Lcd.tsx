import { Box, Text } from 'ink';
import { statusLines } from '../firmware/display.js';
import type { MeterState } from '../firmware/state.js';
import { entryLines } from './format.js';
import type { Palette } from './palette.js';
import { lockWords } from './words.js';

/** Columns of the LCD box: six lettered groups (47) after `> `, padding and border. */
export const LCD_WIDTH = 53;

/**
 * The meter's LCD: its standing lines, the words of the last action (or the keypad lock counting
 * down), and the token being typed.
 */
export function Lcd({ meter, notice, palette }: { meter: MeterState; notice: string; palette: Palette }) {
  const words = notice || lockWords(meter);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={palette.lcdFrame} paddingX={1} width={LCD_WIDTH} flexShrink={0}>
      <Text dimColor wrap="truncate">
        {meter.fuel === 'gas' ? 'GAS' : 'ELECTRICITY'} {meter.keys.deviceId}
        {meter.power ? '' : '  POWER OFF'}
      </Text>
      {statusLines(meter).map((line, i) => (
        <Text key={i} color={palette.lcd} wrap="truncate">
          {line}
        </Text>
      ))}
      {words ? (
        <Text color={palette.notice} bold wrap="truncate">
          {words}
        </Text>
      ) : null}
      {entryLines(meter.keypad.buffer).map((line, i) => (
        <Text key={i} color={palette.entry} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
