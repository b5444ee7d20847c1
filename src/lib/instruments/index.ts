export * from './types';
export * from './registry';
export * from './scoring';
export * from './outcome-rules';
