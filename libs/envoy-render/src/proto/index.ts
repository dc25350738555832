// @epic/envoy-render/proto: the real Envoy v3 API (from @grpc/grpc-js-xds's deps/ protos) and a
// strict proto3-JSON checker + encoder for rendered resources. Loads the .proto files on first
// use (filesystem reads), which is why it is a separate entry point from the pure renderer.
export {
  checkMessage,
  encodeMessage,
  ProtoCheckError,
  type CheckOptions,
  type CheckResult,
} from './check.js';
export { envoyProtos, type EnvoyProtos } from './load.js';
