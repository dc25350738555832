// Public address pools as pure decisions (MetalLB's allocator is the model): parse and check a
// ServicePrefix's pools, then allocate, share and release addresses over the allocation record
// kept in its status. The address-allocator app reads, decides with these, and Updates.
export {
  canonicalAddress,
  formatAddress,
  parseAddress,
  parseCidr,
  type Address,
  type Cidr,
  type Family,
} from './address.js';
export {
  allocate,
  type AddressRequest,
  type AddressResult,
  type Allocation,
  type AllocationFailure,
} from './allocate.js';
export {
  aggregateRoute,
  notInPool,
  parsePool,
  podAddressCidr,
  type ParsedPool,
  type PoolParse,
} from './pool.js';
export {
  addressHeldBy,
  ownersOf,
  release,
  staleOwners,
  type Release,
  type Released,
} from './release.js';
export {
  parsePrefixPools,
  planServicePrefix,
  type Outcome,
  type PrefixChange,
  type PrefixFailure,
  type PrefixPlan,
  type PrefixPools,
  type PrefixRequest,
  type PrefixResult,
} from './service-prefix-plan.js';
