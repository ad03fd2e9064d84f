import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@cdktf/hcl2json';

// The Terraform module of deploy/terraform, parsed as HCL (no Terraform binary here), for the
// policy tests in terraform*.test.ts.

export const TF_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'terraform');

export type Block = Record<string, unknown>;
type Blocks = Record<string, Record<string, Block>>;

export interface TerraformModule {
  resources: Blocks;
  data: Blocks;
  ephemeral: Blocks;
  variables: Record<string, Block>;
  outputs: Record<string, Block>;
  locals: Record<string, unknown>;
  /** Every file's text, by name (for the few checks that read expressions). */
  sources: Record<string, string>;
}

export async function loadTerraform(): Promise<TerraformModule> {
  const tf: TerraformModule = {
    resources: {},
    data: {},
    ephemeral: {},
    variables: {},
    outputs: {},
    locals: {},
    sources: {},
  };
  const files = readdirSync(TF_DIR).filter((f) => f.endsWith('.tf'));
  for (const file of files) {
    const text = readFileSync(path.join(TF_DIR, file), 'utf8');
    tf.sources[file] = text;
    const json = (await parse(file, text)) as Record<string, unknown>;
    mergeBlocks(tf.resources, json.resource);
    mergeBlocks(tf.data, json.data);
    mergeBlocks(tf.ephemeral, json.ephemeral);
    for (const [name, bodies] of Object.entries((json.variable ?? {}) as Record<string, Block[]>)) {
      tf.variables[name] = bodies[0] ?? {};
    }
    for (const [name, bodies] of Object.entries((json.output ?? {}) as Record<string, Block[]>)) {
      tf.outputs[name] = bodies[0] ?? {};
    }
    for (const locals of (json.locals ?? []) as Block[]) {
      for (const [name, value] of Object.entries(locals)) {
        if (name in tf.locals) throw new Error(`local.${name} is declared twice`);
        tf.locals[name] = value;
      }
    }
  }
  return tf;
}

function mergeBlocks(into: Blocks, section: unknown): void {
  for (const [type, byName] of Object.entries((section ?? {}) as Record<string, Record<string, Block[]>>)) {
    into[type] ??= {};
    for (const [name, bodies] of Object.entries(byName)) {
      if (into[type][name]) throw new Error(`${type}.${name} is declared twice`);
      into[type][name] = bodies[0] ?? {};
    }
  }
}

export function resource(tf: TerraformModule, type: string, name: string): Block {
  const block = tf.resources[type]?.[name];
  if (!block) throw new Error(`resource ${type}.${name} is missing`);
  return block;
}

export function resourcesOf(tf: TerraformModule, type: string): Array<[string, Block]> {
  return Object.entries(tf.resources[type] ?? {});
}

/** A nested block (hcl2json turns every block into an array of bodies). */
export function nested(block: Block, key: string): Block {
  const value = block[key];
  if (!Array.isArray(value) || value.length !== 1) throw new Error(`expected one ${key} block`);
  return value[0] as Block;
}

/** A literal, or the default of the variable (or the value of the local) an expression names. */
export function resolve(tf: TerraformModule, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const variable = /^\$\{var\.([a-z0-9_]+)\}$/.exec(value)?.[1];
  if (variable) {
    const declared = tf.variables[variable];
    if (!declared) throw new Error(`undeclared variable ${variable}`);
    return declared.default;
  }
  const local = /^\$\{local\.([a-z0-9_]+)\}$/.exec(value)?.[1];
  if (local) {
    if (!(local in tf.locals)) throw new Error(`undeclared local ${local}`);
    return tf.locals[local];
  }
  return value;
}

/** How hcl2json spells an expression: `${...}`. */
export const expr = (expression: string) => `\${${expression}}`;
export const ref = (type: string, name: string, attribute = 'id') => expr(`${type}.${name}.${attribute}`);
