// Field paths printed the way the kube-apiserver prints them for schema errors: object fields
// and map keys joined with '.', list indexes in brackets (`spec.public-ports[0].port`,
// `status.gue-tunnel-endpoints.192.168.1.16.tunnel-id`). kube-openapi builds these paths
// (`path + "." + key` for additionalProperties, `path[i]` for items), so a zod issue path
// rendered this way can be matched against an apiserver message.
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
