export * from './document';
export * from './format';
export * from './layout';
export * from './palette';
export * from './fields';
export * from './edits';
export * from './view';
