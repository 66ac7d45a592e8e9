import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type SettingProblem } from '../shared/errors';
import { configViolations, fromOther, type ConfigViolation } from './config-invariants';
import { registerConfiguredSecrets, smtpUrlProblem } from './secret-values';
import { configSchema, secretsSchema, type Config, type Secrets } from './schema';
import { fromPackageRoot } from '../shared/package-root';

// Config layers, lowest first: config/default.yaml < local file < environment < runtime settings
// changed in chat (stored in the db). Every leaf remembers which layer set it, so /thresholds can
// say where an effective value came from.

export type ConfigSource = 'default' | 'file' | 'env' | 'chat';
const LAYER_ORDER: readonly ConfigSource[] = ['default', 'file', 'env', 'chat'];
export interface SourceInfo {
  source: ConfigSource;
  detail?: string;
}
export interface RuntimeSetting {
  key: string;
  value: unknown;
  by?: string;
  at?: string;
}
export interface LoadedConfig {
  config: Config;
  secrets: Secrets;
  /** dotted leaf path → the layer that set it */
  sources: Map<string, SourceInfo>;
}

export interface LoadConfigOptions {
  /** folder holding default.yaml (and local.yaml); defaults to ./config of the project */
  configDir?: string;
  /** an explicit local file; else SQUEEZEBOT_CONFIG, else <configDir>/local.yaml when present */
  localFile?: string;
  env?: NodeJS.ProcessEnv;
  runtime?: RuntimeSetting[];
}

const ENV_PREFIX = 'SQUEEZEBOT_CFG__';
export const projectConfigDir = fromPackageRoot('config');

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

function mergeLayer(target: Tree, layer: Tree, info: SourceInfo, sources: Map<string, SourceInfo>, prefix = ''): void {
  for (const [key, value] of Object.entries(layer)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isTree(value) && isTree(target[key])) {
      mergeLayer(target[key], value, info, sources, path);
    } else {
      target[key] = structuredClone(value);
      for (const p of [...sources.keys()]) if (p.startsWith(`${path}.`)) sources.delete(p);
      recordLeaves(value, path, info, sources);
    }
  }
}

function recordLeaves(value: unknown, path: string, info: SourceInfo, sources: Map<string, SourceInfo>): void {
  if (isTree(value)) for (const [k, v] of Object.entries(value)) recordLeaves(v, `${path}.${k}`, info, sources);
  else sources.set(path, info);
}

/** Turn `a.b.c = v` into `{ a: { b: { c: v } } }`. */
export function treeFromPath(path: string, value: unknown): Tree {
  const parts = path.split('.');
  const root: Tree = {};
  let node = root;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) node[part] = value;
    else node = node[part] = {} as Tree;
  });
  return root;
}

function readYaml(file: string): Tree {
  let parsed: unknown;
  try {
    // YAML 1.1 so numbers may be written with digit separators (100_000_000) as the design's config does
    parsed = parseYaml(readFileSync(file, 'utf8'), { version: '1.1' });
  } catch (err) {
    throw new ConfigError([`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`]);
  }
  if (parsed == null) return {};
  if (!isTree(parsed)) throw new ConfigError([`${file}: the top level must be a mapping of sections`]);
  return parsed;
}

/**
 * An environment value as YAML (`30`, `true`, `[a, b]`), or as the text itself when it is not YAML (a
 * cron line starting with an asterisk is text to the operator); a value must never crash the start with a parser's
 * stack — the schema then says whether the key takes text.
 */
function envValue(raw: string): unknown {
  try {
    // silent: a value with a YAML tag (`!x`) is text to the operator, not a warning on stderr
    return parseYaml(raw, { logLevel: 'error' }) as unknown;
  } catch {
    return raw;
  }
}

function envLayer(env: NodeJS.ProcessEnv): Tree {
  const layer: Tree = {};
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || raw === undefined) continue;
    const path = name
      .slice(ENV_PREFIX.length)
      .split('__')
      .map((p) => p.toLowerCase())
      .join('.');
    mergeLayer(layer, treeFromPath(path, envValue(raw)), { source: 'env' }, new Map());
  }
  if (env.SQUEEZEBOT_LOG_LEVEL)
    mergeLayer(layer, { app: { log_level: env.SQUEEZEBOT_LOG_LEVEL } }, { source: 'env' }, new Map());
  return layer;
}

/** A zod issue as a structured problem: its code and bounds, never its wording. */
function problemOf(issue: z.ZodIssue): SettingProblem {
  const key = issue.path.join('.');
  switch (issue.code) {
    case 'too_small':
    case 'too_big':
      return {
        kind: 'value',
        key,
        code: issue.code,
        ...(issue.code === 'too_small' ? { minimum: Number(issue.minimum) } : { maximum: Number(issue.maximum) }),
        inclusive: issue.inclusive,
        message: issue.message,
      };
    case 'invalid_enum_value':
      return { kind: 'value', key, code: issue.code, options: issue.options.map(String), message: issue.message };
    case 'invalid_type':
    case 'invalid_string':
    case 'invalid_literal':
    case 'invalid_union':
      return { kind: 'value', key, code: issue.code, message: issue.message };
    case 'unrecognized_keys':
      return { kind: 'other', key, message: `unknown key(s) ${issue.keys.join(', ')}` };
    default:
      return { kind: 'other', key, message: issue.message };
  }
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const dir = options.configDir ?? projectConfigDir;
  const sources = new Map<string, SourceInfo>();
  const merged: Tree = {};

  const defaultsFile = join(dir, 'default.yaml');
  mergeLayer(merged, readYaml(defaultsFile), { source: 'default' }, sources);

  const localFile = options.localFile ?? env.SQUEEZEBOT_CONFIG ?? join(dir, 'local.yaml');
  if (options.localFile || env.SQUEEZEBOT_CONFIG || existsSync(localFile)) {
    if (!existsSync(localFile)) throw new ConfigError([`${localFile}: config file not found`]);
    mergeLayer(merged, readYaml(localFile), { source: 'file', detail: localFile }, sources);
  }

  mergeLayer(merged, envLayer(env), { source: 'env' }, sources);

  for (const setting of options.runtime ?? []) {
    const detail = [setting.by && `by ${setting.by}`, setting.at && `at ${setting.at}`].filter(Boolean).join(' ');
    mergeLayer(
      merged,
      treeFromPath(setting.key, setting.value),
      { source: 'chat', detail: detail || undefined },
      sources,
    );
  }

  const originOf = (path: string) => {
    const where = sources.get(path);
    return where ? ` [from ${where.source}${where.detail ? ` ${where.detail}` : ''}]` : '';
  };
  const result = configSchema.safeParse(merged);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => {
      const path = issue.path.join('.') || '(root)';
      const origin = originOf(path);
      const what =
        issue.code === 'unrecognized_keys'
          ? `unknown key(s) ${issue.keys.map((k) => `${path === '(root)' ? '' : `${path}.`}${k}`).join(', ')}`
          : issue.message;
      return `${path}: ${what}${origin}`;
    });
    throw new ConfigError(issues, result.error.issues.map(problemOf));
  }
  // the rules between values hold on the merged whole, whichever layer set each side
  const broken = configViolations(result.data);
  if (broken.length > 0) {
    // of a rule's two keys, the one set by the higher layer is the change that broke it
    const rank = (key: string) => LAYER_ORDER.indexOf(sources.get(key)?.source ?? 'default');
    const blamed = (v: ConfigViolation) => (v.other && rank(v.other) > rank(v.key) ? v.other : v.key);
    throw new ConfigError(
      broken.map((v) => `${blamed(v)}: ${v.rule}${originOf(blamed(v))}`),
      broken.map((v) => {
        const seen = blamed(v) === v.key ? v : fromOther(v);
        return { kind: 'rule', ...seen, message: seen.rule };
      }),
    );
  }

  const secretsRaw = Object.fromEntries(
    Object.keys(secretsSchema.shape).map((k) => [k, env[k]?.trim() ? env[k].trim() : undefined]),
  );
  const secrets = secretsSchema.parse(secretsRaw);
  // registered before anything can fail on them, so even this error cannot print one
  registerConfiguredSecrets(secrets);
  const smtp = smtpUrlProblem(secrets.SMTP_URL);
  if (smtp) throw new ConfigError([smtp]);
  return { config: result.data, secrets, sources };
}
