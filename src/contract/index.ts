export * from './common.js';
export * from './organizations.js';
export * from './users.js';
export * from './session.js';
export * from './tokens.js';
export * from './products.js';
export * from './releases.js';
export * from './audit.js';
