/**
 * Parses the exports that `stack.sh env` prints (`export NAME='value'`, and PATH with
 * `"$PATH"` appended) into variables to merge into an environment.
 */
export function parseStackEnv(text: string, currentPath = ''): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^export ([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!m?.[1] || m[2] === undefined) continue;
    vars[m[1]] = m[2]
      .replace(/"\$PATH"|\$PATH/g, currentPath)
      .replace(/'([^']*)'/g, '$1')
      .replace(/"([^"]*)"/g, '$1');
  }
  return vars;
}
