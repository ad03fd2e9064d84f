export * from './admins.js';
export * from './events.js';
export * from './kitchen.js';
export * from './menus.js';
export * from './orders.js';
export * from './service.js';
export * from './stores.js';
export * from './tables.js';
