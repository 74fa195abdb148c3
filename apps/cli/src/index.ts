#!/usr/bin/env -S npx tsx
import { main } from './main.ts';

const { code, stdout, stderr } = await main(process.argv.slice(2), process.env);
if (stdout) process.stdout.write(`${stdout}\n`);
if (stderr) process.stderr.write(`${stderr}\n`);
process.exitCode = code;
