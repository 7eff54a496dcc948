export * from './summary';
export * from './bgnbd';
export * from './gamma-gamma';
export * from './outlook';
export * from './simulation';
export * from './rfm';
