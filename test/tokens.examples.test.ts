// The token examples through the default crypto (node:crypto).
import { describeTokenExamples } from './support/token-examples.js';

describeTokenExamples();
