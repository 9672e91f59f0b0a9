export type * from './types';
export * from './audit';
