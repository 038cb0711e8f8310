#!/usr/bin/env node
// The `roster` command. Sources are TypeScript run through tsx, so a checkout works right after `npm install`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
await main(process.argv);
