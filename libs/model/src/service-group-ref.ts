// How a LoadBalancer / GWProxy names its LBServiceGroup. The group decides the ServicePrefix the
// public address comes from, so it is fixed for the object's life: moving to another group
// would need a new address. The CRD says so with a transition rule (it runs on update only,
// when both the old and the new object hold the field), which zod cannot express.
export const serviceGroupImmutable = {
  rule: 'self == oldSelf',
  message: 'service-group cannot be changed: create a new object in the other group instead',
};
