export * from './auth.js';
export * from './common.js';
export * from './events.js';
export * from './menus.js';
export * from './orders.js';
export * from './stores.js';
export * from './tables.js';
