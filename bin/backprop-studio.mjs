#!/usr/bin/env node
// The `backprop-studio` command: registers tsx so the CLI's TypeScript (and
// core's) runs as is, then hands over to bin/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
await import('./cli/main.ts');
