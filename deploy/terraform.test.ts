import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Block,
  expr,
  loadTerraform,
  nested as nestedBlock,
  ref,
  resolve as resolveIn,
  resource as resourceIn,
  resourcesOf as resourcesIn,
  type TerraformModule,
  TF_DIR,
} from './terraform-module.js';

// No Terraform binary here: the configuration is parsed as HCL and its security policy asserted.
// Operations (alarms, secrets, backups, patching): terraform-operations.test.ts.

let tf: TerraformModule;

beforeAll(async () => {
  tf = await loadTerraform();
  expect(Object.keys(tf.sources).length).toBeGreaterThan(3);
});

const resource = (type: string, name: string) => resourceIn(tf, type, name);
const resourcesOf = (type: string) => resourcesIn(tf, type);
const nested = nestedBlock;
const resolve = (value: unknown) => resolveIn(tf, value);
const OPEN_CIDRS = ['0.0.0.0/0', '::/0'];

interface IngressRule {
  where: string;
  securityGroup: string;
  fromPort: number;
  toPort: number;
  protocol: string;
  cidrs: string[];
  sourceGroup: string | undefined;
}

/** Every ingress rule, whichever of the three Terraform spellings declares it. */
function ingressRules(): IngressRule[] {
  const rules: IngressRule[] = [];
  for (const [name, rule] of resourcesOf('aws_vpc_security_group_ingress_rule')) {
    rules.push({
      where: `aws_vpc_security_group_ingress_rule.${name}`,
      securityGroup: String(rule.security_group_id),
      fromPort: Number(rule.from_port ?? 0),
      toPort: Number(rule.to_port ?? 65535),
      protocol: String(rule.ip_protocol),
      cidrs: [rule.cidr_ipv4, rule.cidr_ipv6].filter((c): c is string => typeof c === 'string'),
      sourceGroup: rule.referenced_security_group_id as string | undefined,
    });
  }
  for (const [name, rule] of resourcesOf('aws_security_group_rule')) {
    if (rule.type !== 'ingress') continue;
    rules.push({
      where: `aws_security_group_rule.${name}`,
      securityGroup: String(rule.security_group_id),
      fromPort: Number(rule.from_port),
      toPort: Number(rule.to_port),
      protocol: String(rule.protocol),
      cidrs: [...((rule.cidr_blocks as string[]) ?? []), ...((rule.ipv6_cidr_blocks as string[]) ?? [])],
      sourceGroup: rule.source_security_group_id as string | undefined,
    });
  }
  for (const [name, group] of resourcesOf('aws_security_group')) {
    for (const rule of (group.ingress as Block[] | undefined) ?? []) {
      rules.push({
        where: `aws_security_group.${name} (inline)`,
        securityGroup: ref('aws_security_group', name),
        fromPort: Number(rule.from_port),
        toPort: Number(rule.to_port),
        protocol: String(rule.protocol),
        cidrs: [...((rule.cidr_blocks as string[]) ?? []), ...((rule.ipv6_cidr_blocks as string[]) ?? [])],
        sourceGroup: ((rule.security_groups as string[]) ?? [])[0],
      });
    }
  }
  return rules;
}

describe('terraform: network', () => {
  it('defaults to Seoul and a 10.0.0.0/16 VPC', () => {
    expect(resolve(expr('var.aws_region'))).toBe('ap-northeast-2');
    expect(resolve(resource('aws_vpc', 'main').cidr_block)).toBe('10.0.0.0/16');
    expect(resolve(resource('aws_instance', 'app').instance_type)).toBe('t3.small');
  });

  it('routes only the public subnet to the internet', () => {
    const associations = resourcesOf('aws_route_table_association').map(([, a]) => a.subnet_id);
    expect(associations).toEqual([ref('aws_subnet', 'public')]);
    expect(resource('aws_subnet', 'private').map_public_ip_on_launch ?? false).toBe(false);
    expect(resourcesOf('aws_nat_gateway')).toEqual([]);
  });
});

describe('terraform: database and Redis', () => {
  it('runs PostgreSQL 15 private, encrypted, with 7 days of backups and a final snapshot', () => {
    const db = resource('aws_db_instance', 'main');
    expect(db.engine).toBe('postgres');
    expect(String(db.engine_version)).toMatch(/^15(\.|$)/);
    expect(resolve(db.instance_class)).toBe('db.t3.small');
    expect(db.publicly_accessible).toBe(false);
    expect(db.storage_encrypted).toBe(true);
    expect(resolve(db.backup_retention_period)).toBe(7);
    expect(db.skip_final_snapshot).toBe(false);
    expect(resolve(db.deletion_protection)).toBe(true);
    expect(db.vpc_security_group_ids).toEqual([ref('aws_security_group', 'db')]);
    expect(resource('aws_db_subnet_group', 'main').subnet_ids).toBe(expr('aws_subnet.private[*].id'));
  });

  it('refuses unencrypted database connections', () => {
    const params = resource('aws_db_parameter_group', 'postgres15').parameter as Block[];
    expect(params).toContainEqual(expect.objectContaining({ name: 'rds.force_ssl', value: '1' }));
    expect(resource('aws_db_instance', 'main').parameter_group_name).toBe(
      ref('aws_db_parameter_group', 'postgres15', 'name'),
    );
  });

  it('runs Redis 7 in the private subnets, encrypted at rest and in transit', () => {
    const redis = resource('aws_elasticache_replication_group', 'main');
    expect(redis.engine).toBe('redis');
    expect(String(redis.engine_version)).toMatch(/^7(\.|$)/);
    expect(redis.at_rest_encryption_enabled).toBe(true);
    expect(redis.transit_encryption_enabled).toBe(true);
    expect(redis.security_group_ids).toEqual([ref('aws_security_group', 'redis')]);
    expect(resource('aws_elasticache_subnet_group', 'main').subnet_ids).toBe(expr('aws_subnet.private[*].id'));
  });

  it('lets only the app server reach PostgreSQL and Redis', () => {
    const rules = ingressRules();
    for (const [group, port] of [
      ['db', 5432],
      ['redis', 6379],
    ] as const) {
      const mine = rules.filter((r) => r.securityGroup === ref('aws_security_group', group));
      expect(mine.length, `${group} has an ingress rule`).toBeGreaterThan(0);
      for (const rule of mine) {
        expect(rule.cidrs, rule.where).toEqual([]);
        expect(rule.sourceGroup, rule.where).toBe(ref('aws_security_group', 'app'));
        expect([rule.fromPort, rule.toPort], rule.where).toEqual([port, port]);
      }
    }
  });
});

describe('terraform: app server', () => {
  it('never opens SSH to the whole internet', () => {
    const ssh = ingressRules().filter(
      (r) => r.protocol === '-1' || r.protocol === 'all' || (r.fromPort <= 22 && r.toPort >= 22),
    );
    expect(ssh.length).toBeGreaterThan(0);
    for (const rule of ssh) {
      expect(rule.protocol, rule.where).not.toBe('-1');
      for (const cidr of rule.cidrs) {
        expect(OPEN_CIDRS, rule.where).not.toContain(cidr);
        expect(OPEN_CIDRS, rule.where).not.toContain(resolve(cidr));
      }
    }
    const sshVar = tf.variables.ssh_allowed_cidr;
    expect(sshVar?.default).toBeUndefined();
    const validation = JSON.stringify(sshVar?.validation);
    expect(validation).toContain('0.0.0.0/0');
  });

  it('opens only HTTP and HTTPS to everyone', () => {
    const open = ingressRules().filter((r) => r.cidrs.some((c) => OPEN_CIDRS.includes(c)));
    expect(open.map((r) => [r.fromPort, r.toPort]).sort()).toEqual([
      [443, 443],
      [80, 80],
    ]);
    for (const rule of open) expect(rule.securityGroup).toBe(ref('aws_security_group', 'app'));
  });

  it('requires IMDSv2 and encrypts the root volume', () => {
    const app = resource('aws_instance', 'app');
    expect(nested(app, 'metadata_options').http_tokens).toBe('required');
    expect(nested(app, 'root_block_device').encrypted).toBe(true);
    expect(app.subnet_id).toBe(ref('aws_subnet', 'public'));
    expect(app.iam_instance_profile).toBe(ref('aws_iam_instance_profile', 'app', 'name'));
  });

  it('passes the bootstrap script every variable it uses', () => {
    const userData = String(resource('aws_instance', 'app').user_data);
    const passed = new Set([...userData.matchAll(/^\s*([a-z_]+)\s*=/gm)].map((m) => m[1]));
    const template = readFileSync(path.join(TF_DIR, 'user-data.sh.tftpl'), 'utf8');
    const used = new Set([...template.matchAll(/(?<!\$)\$\{([a-z_]+)\}/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(3);
    expect([...used].filter((name) => !passed.has(name))).toEqual([]);
  });
});

describe('terraform: first boot', () => {
  it('renders to a valid bash script', () => {
    const template = readFileSync(path.join(TF_DIR, 'user-data.sh.tftpl'), 'utf8');
    expect(template).not.toContain('%{');
    // Rendered as templatefile() does: the env-file script goes in as it is, unparsed.
    const script = readFileSync(path.join(TF_DIR, '..', 'scripts', 'write-env-file.sh'), 'utf8');
    const rendered = template
      .replaceAll('$${', '\u0000')
      .replace(/\$\{([a-z_]+)\}/g, (_m, name: string) => (name === 'write_env_file' ? script : `test-${name}`))
      .replaceAll('\u0000', '${');
    const check = spawnSync('bash', ['-n'], { input: rendered, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    expect(rendered.split('\n')[0]).toBe('#!/bin/bash');
    expect(rendered).toContain('set -euxo pipefail');
    expect(rendered).toContain(`<<'SCRIPT'\n${script}\nSCRIPT\n`);
  });
});

describe('terraform: images bucket', () => {
  it('blocks every kind of public access', () => {
    const block = resource('aws_s3_bucket_public_access_block', 'images');
    expect(block.bucket).toBe(ref('aws_s3_bucket', 'images'));
    for (const key of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) {
      expect(block[key], key).toBe(true);
    }
    expect(resourcesOf('aws_s3_bucket_acl')).toEqual([]);
    expect(resourcesOf('aws_s3_bucket_website_configuration')).toEqual([]);
  });

  it('encrypts with AES256 and keeps versions', () => {
    const sse = resource('aws_s3_bucket_server_side_encryption_configuration', 'images');
    expect(sse.bucket).toBe(ref('aws_s3_bucket', 'images'));
    expect(nested(nested(sse, 'rule'), 'apply_server_side_encryption_by_default').sse_algorithm).toBe('AES256');
    const versioning = resource('aws_s3_bucket_versioning', 'images');
    expect(nested(versioning, 'versioning_configuration').status).toBe('Enabled');
  });

  it('has a bucket policy that allows nothing, only denies plain HTTP', () => {
    const doc = tf.data.aws_iam_policy_document?.images_bucket;
    const statements = (doc?.statement as Block[]) ?? [];
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(s.effect).toBe('Deny');
  });
});

describe('terraform: IAM and logs', () => {
  it('gives the app role object access to its bucket, writes to its log groups, and nothing wider', () => {
    const attached = resource('aws_iam_role_policy', 'app');
    expect(attached.role).toBe(ref('aws_iam_role', 'app'));
    expect(attached.policy).toBe(expr('data.aws_iam_policy_document.app.json'));
    expect(resourcesOf('aws_iam_role_policy_attachment')).toEqual([]);
    expect(resourcesOf('aws_iam_policy_attachment')).toEqual([]);

    const statements = (tf.data.aws_iam_policy_document?.app?.statement as Block[]) ?? [];
    expect(statements.length).toBeGreaterThan(0);
    const bucketArn = ref('aws_s3_bucket', 'images', 'arn');
    const logGroupArns = resourcesOf('aws_cloudwatch_log_group').map(([name]) =>
      ref('aws_cloudwatch_log_group', name, 'arn'),
    );
    const parameters = expr('local.parameter_arn_prefix');
    for (const statement of statements) {
      const actions = statement.actions as string[];
      const resources = statement.resources as string[];
      const conditions = (statement.condition as Block[] | undefined) ?? [];
      expect(resources.length).toBeGreaterThan(0);
      const services = new Set(actions.map((a) => a.split(':')[0]));
      expect(services.size, String(statement.sid)).toBe(1);
      for (const action of actions) expect(action).not.toContain('*');
      const service = [...services][0];
      if ((statement.effect ?? 'Allow') === 'Deny') {
        // The only denial: never overwrite a stored secret.
        expect(actions).toEqual(['ssm:PutParameter']);
        expect(conditions).toEqual([{ test: 'StringEquals', variable: 'ssm:Overwrite', values: ['true'] }]);
        continue;
      }
      switch (service) {
        case 's3':
          for (const arn of resources) expect([bucketArn, `${bucketArn}/*`]).toContain(arn);
          break;
        case 'logs':
          for (const arn of resources) expect(logGroupArns.flatMap((g) => [g, `${g}:*`])).toContain(arn);
          break;
        case 'ssm':
          for (const arn of resources) expect(arn.startsWith(parameters)).toBe(true);
          break;
        case 'kms':
          expect(resources).toEqual([ref('aws_kms_key', 'secrets', 'arn')]);
          expect(conditions).toContainEqual(expect.objectContaining({ variable: 'kms:ViaService' }));
          break;
        case 'cloudwatch':
          // PutMetricData cannot name a resource: the namespace condition is what limits it.
          expect(actions).toEqual(['cloudwatch:PutMetricData']);
          expect(conditions).toEqual([
            { test: 'StringEquals', variable: 'cloudwatch:namespace', values: [expr('local.metric_namespace')] },
          ]);
          break;
        default:
          throw new Error(`the app role may not use ${service}`);
      }
    }
  });

  it('keeps every log group for 7 days', () => {
    const groups = resourcesOf('aws_cloudwatch_log_group');
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const [name, group] of groups) expect(resolve(group.retention_in_days), name).toBe(7);
  });

  it('raises an alarm on the app server CPU', () => {
    const alarms = resourcesOf('aws_cloudwatch_metric_alarm').map(([, a]) => a);
    const cpu = alarms.find((a) => a.namespace === 'AWS/EC2' && a.metric_name === 'CPUUtilization');
    expect(cpu?.dimensions).toEqual({ InstanceId: ref('aws_instance', 'app') });
    expect(resolve(cpu?.alarm_actions)).toEqual([ref('aws_sns_topic', 'alarms', 'arn')]);
  });
});

describe('terraform: inputs and outputs', () => {
  it('outputs no secret: the database URL is built on the server from Parameter Store', () => {
    expect(tf.outputs.database_url).toBeUndefined();
    for (const [name, output] of Object.entries(tf.outputs)) {
      expect(JSON.stringify(output.value), name).not.toMatch(/password|random_|ephemeral\./);
    }
  });

  it('has an example tfvars that sets every required variable and only declared ones', async () => {
    const example = (await parse(
      'terraform.tfvars.example',
      readFileSync(path.join(TF_DIR, 'terraform.tfvars.example'), 'utf8'),
    )) as Record<string, unknown>;
    const required = Object.entries(tf.variables)
      .filter(([, v]) => !('default' in v))
      .map(([name]) => name);
    expect(required.length).toBeGreaterThan(0);
    for (const name of required) expect(Object.keys(example)).toContain(name);
    for (const name of Object.keys(example)) expect(Object.keys(tf.variables)).toContain(name);
  });
});
