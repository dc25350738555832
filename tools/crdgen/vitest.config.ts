import { projectTestConfig } from '../../vitest.shared.ts';

// crds.int.test.ts installs the generated CRDs into the real kube-apiserver of the stack.
export default projectTestConfig({ integration: true });
