export * from './schema';
export * from './shapes';
export * from './ops';
export * from './issues';
export * from './check';
export * from './parse';
export * from './live';
export * from './sizes';
