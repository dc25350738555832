// The shared vitest config sits at the workspace root, outside any project.
import { projectTestConfig } from '../../vitest.shared.ts';

// The install test needs the shared stack; the static checks need its kubectl (kustomize).
export default projectTestConfig({ integration: true });
