#!/usr/bin/env node
// The `berth` command. Sub-commands are wired here; their work lives in the modules they name.
console.error("berth: not yet");
