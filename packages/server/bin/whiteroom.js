#!/usr/bin/env node
// The `whiteroom` command. It is plain JavaScript so that npm can link it at install time, before
// the TypeScript sources are compiled; the CLI itself lives in dist/cli.js.
import '../dist/cli.js';
