// A Dockerfile as the checks read it: build stages and their instructions. Only what the
// Dockerfiles of deploy/docker use is understood (comments and parser directives, `\` line
// continuations, global ARGs in FROM, exec-form JSON); nothing here builds anything.

export interface Instruction {
  /** Upper case: `FROM`, `RUN`, `COPY`... */
  keyword: string;
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

export interface Stage {
  /** `FROM <image> AS <name>`; undefined when unnamed. */
  name: string | undefined;
  /** The image with global ARG defaults substituted. */
  image: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  globalArgs: Readonly<Record<string, string>>;
  stages: Stage[];
}

/** Joins continued lines and drops comments (also those inside a continued instruction). */
export function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const continued = trimmed.endsWith('\\');
    const part = continued ? trimmed.slice(0, -1).trim() : trimmed;
    pending = pending
      ? { ...pending, text: `${pending.text} ${part}` }
      : { text: part, line: index + 1 };
    if (!continued) {
      out.push(pending);
      pending = undefined;
    }
  });
  if (pending) out.push(pending);
  return out;
}

/** `${NAME}` and `$NAME` from the given values; unknown names are left as they are. */
export function substitute(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced?: string, bare?: string) => values[braced ?? bare ?? ''] ?? whole,
  );
}

function parseFrom(args: string, globals: Readonly<Record<string, string>>): Stage {
  const words = args.split(/\s+/).filter((w) => !w.startsWith('--'));
  const [image = '', as, name] = words;
  const named = as?.toUpperCase() === 'AS' ? name : undefined;
  return { name: named, image: substitute(image, globals), instructions: [] };
}

export function parseDockerfile(text: string): Dockerfile {
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const { text: line, line: number } of logicalLines(text)) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' '), line: number };
    const current = stages.at(-1);
    if (instruction.keyword === 'FROM') stages.push(parseFrom(instruction.args, globalArgs));
    else if (current) current.instructions.push(instruction);
    else if (instruction.keyword === 'ARG') Object.assign(globalArgs, parseArg(instruction.args));
  }
  return { globalArgs, stages };
}

function parseArg(args: string): Record<string, string> {
  const [name = '', value = ''] = args.split('=', 2);
  return { [name.trim()]: value.trim() };
}

/** The argument list of an exec-form (`["a", "b"]`) instruction, else undefined. */
export function execForm(args: string): string[] | undefined {
  if (!args.trim().startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a): a is string => typeof a === 'string')) {
    throw new Error(`not a JSON list of strings: ${args}`);
  }
  return parsed;
}

export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** The last value of a single-valued instruction (`USER`, `WORKDIR`), or undefined. */
export function lastArgs(stage: Stage, keyword: string): string | undefined {
  return instructionsOf(stage, keyword).at(-1)?.args;
}

/** RUN arguments without BuildKit's leading `--mount=...` / `--network=...` flags. */
export function runCommand(instruction: Instruction): string {
  return instruction.args.replace(/^(?:--[a-z-]+=\S+\s+)+/, '');
}

/** The command the image starts: exec-form ENTRYPOINT followed by exec-form CMD. */
export function startCommand(stage: Stage): string[] | undefined {
  const entrypoint = lastArgs(stage, 'ENTRYPOINT');
  if (entrypoint === undefined) return undefined;
  const command = execForm(entrypoint);
  if (command === undefined) return undefined;
  const cmd = lastArgs(stage, 'CMD');
  return [...command, ...(cmd === undefined ? [] : (execForm(cmd) ?? [cmd]))];
}

/** `COPY --from=<stage> <src...> <dest>`: the stage, sources and destination. */
export function copyFrom(instruction: Instruction) {
  const words = instruction.args.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? '' };
}
