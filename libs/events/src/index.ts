// @epic/events: the domain event catalogue (zod), topics and keys, and the pure derivation of
// events from watched objects. No I/O: ids and time are arguments.
export * from './account-events.js';
export * from './catalogue.js';
export * from './changed-areas.js';
export * from './derive-events.js';
export * from './envelope.js';
export * from './epic-events.js';
export * from './gw-endpoint-slice-events.js';
export * from './gw-proxy-events.js';
export * from './gw-route-events.js';
export * from './invalid-object.js';
export * from './kafka-record.js';
export * from './load-balancer-events.js';
export * from './namespace-events.js';
export * from './node-events.js';
export * from './proxy-pod-events.js';
export * from './remote-endpoint-events.js';
export * from './service-group-events.js';
export * from './service-prefix-events.js';
export * from './topics.js';
