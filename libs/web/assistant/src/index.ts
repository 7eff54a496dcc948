export * from './lib/assistant.routes';
export * from './lib/assistant-sheet';
