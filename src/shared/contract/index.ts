export * from './bridge-error';
export * from './bridge-types';
export * from './commands';
export * from './events';
export * from './history-schemas';
export * from './names';
export * from './record-schemas';
export * from './settings-schemas';
