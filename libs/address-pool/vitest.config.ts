// The shared vitest config sits at the workspace root, outside any project.
import { projectTestConfig } from '../../vitest.shared.ts';

export default projectTestConfig();
