// The database schema, one file per area; drizzle-kit reads it from here (drizzle.config.ts) and
// the client (client.ts) types the db with all of it.

export * from './market';
export * from './short-data';
export * from './status';
export * from './pipeline';
export * from './alerts';
export * from './chat';
export * from './learning';
export * from './portfolio';
export * from './short-supply';
export * from './telegram-inbox';
