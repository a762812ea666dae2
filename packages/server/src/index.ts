export { startServer } from './server.js';
export type { RunningServer } from './server.js';
export { buildApp } from './app.js';
export type { AppOptions } from './app.js';
export { DEFAULT_CONFIG } from './config.js';
export type { ServerConfig } from './config.js';
export { createLogger } from './logging.js';
export { openSqliteStorage } from './storage/sqlite.js';
export type * from './storage/storage.js';
