// What a `squeezebot <verb>` is: src/cli.ts parses the options and hands each verb this context. Apart
// from cli.ts so the verbs need not import the table that lists them.

export interface VerbContext {
  args: string[];
  flags: Record<string, string | boolean | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}
export type Verb = (ctx: VerbContext) => Promise<number>;
