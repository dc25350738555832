// The end-to-end test runs the demo against the shared stack, so the stack's global setup runs.
import { projectTestConfig } from '../../vitest.shared.ts';

export default projectTestConfig({ integration: true });
