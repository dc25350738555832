// @epic/admission-rules: what the admission webhooks decide, as pure functions. The app decodes
// an AdmissionReview (reviewOf), reads the facts factQueries asks for, and answers with
// mutateReview (defaults as a JSON Patch) or validateReview (problems and warnings).
export * from './admission-review.js';
export { renderDnsTemplate, type RenderResult, type TemplateParams } from './dns-template.js';
export {
  addressLabel,
  endpointRecord,
  type EndpointRecord,
  type EndpointRecordInput,
} from './endpoint-record.js';
export {
  factQueries,
  referencesChanged,
  serviceGroupName,
  type FactQueries,
  type Facts,
  type Ref,
  type Webhook,
} from './facts.js';
export { idFieldProblems } from './id-fields.js';
export {
  defaultIdWriters,
  describeUser,
  isIdWriter,
  parseIdWriters,
  type IdWriters,
} from './id-writers.js';
export { applyPatch, diffPatch, pointerToken, type JsonPatchOp } from './json-patch.js';
export {
  mutateReview,
  mutationResponse,
  type MutationInput,
  type MutationResult,
} from './mutate.js';
export { epicNameMessage, epicNamespaceMessage, placementProblems } from './placement.js';
export {
  applyChanges,
  proxyDefaults,
  type Changes,
  type ProxyDefaultsInput,
} from './proxy-defaults.js';
export {
  isBeingDeleted,
  objectOf,
  oldObjectOf,
  reviewOf,
  subjectOf,
  type EpicKind,
  type EpicObject,
  type JsonObject,
  type KindObjects,
  type Review,
  type ReviewResult,
} from './review.js';
export { tunnelKeyBytes, tunnelKeyFromBytes } from './tunnel-key.js';
export { describeReview, validateReview, type ValidationPolicy } from './validate.js';
export {
  conflict,
  forbidden,
  invalid,
  isAllowed,
  responseOf,
  unavailable,
  verdictOf,
  type Problem,
  type ProblemCode,
  type Verdict,
} from './verdict.js';
