export { resourceGenerator } from './generators/resource/generator';
export { assistantToolGenerator } from './generators/assistant-tool/generator';
