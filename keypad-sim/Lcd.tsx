import { Box, Text } from 'ink';
import { displayLines } from '../firmware/display.js';
import type { MeterState } from '../firmware/state.js';
import { lettered } from './format.js';

/** The meter's LCD: the model's display lines and the token being typed. */
export function Lcd({ meter }: { meter: MeterState }) {
  const lines = displayLines(meter);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="green" paddingX={1} width={48}>
      <Text dimColor>
        {meter.fuel === 'gas' ? 'GAS' : 'ELECTRICITY'} {meter.keys.deviceId}
        {meter.power ? '' : '  POWER OFF'}
      </Text>
      {lines.map((line, i) => (
        <Text key={i} color="greenBright">
          {line}
        </Text>
      ))}
      <Text color="cyan">{'> ' + (meter.keypad.buffer ? lettered(meter.keypad.buffer) : '_')}</Text>
    </Box>
  );
}
