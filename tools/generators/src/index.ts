export { resourceGenerator } from './generators/resource/generator';
export { assistantToolGenerator } from './generators/assistant-tool/generator';
export { reportTypeGenerator } from './generators/report-type/generator';
