export { changedFiles, generatedFiles, type GeneratedFile } from './plan.js';
