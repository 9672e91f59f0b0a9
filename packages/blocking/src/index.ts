export type * from './types';
export * from './audit';
export * from './filters';
