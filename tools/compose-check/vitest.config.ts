// The shared vitest config sits at the workspace root, outside any project.
import { projectTestConfig } from '../../vitest.shared.ts';

// Static checks only: no stack, no Docker.
export default projectTestConfig();
