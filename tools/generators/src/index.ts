export { resourceGenerator } from './generators/resource/generator';
