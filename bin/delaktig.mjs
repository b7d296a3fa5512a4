#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so there is no build step between a clone and a running server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
