export * from './association-rules';
export * from './recommendations';
