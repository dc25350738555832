export {
  crdCategories,
  crdFor,
  crdName,
  crdSchema,
  type CustomResourceDefinition,
} from './crd-for.js';
export { crdFileName, renderCrdYaml, renderKustomization } from './render.js';
export { isSchemaNode, type SchemaNode } from './schema-node.js';
export { structuralViolations } from './structural-check.js';
export { toStructuralSchema } from './structural-schema.js';
