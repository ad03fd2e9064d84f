import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/app.js';
import { factories } from '../test/factories.js';
import {
  type Block,
  expr,
  loadTerraform,
  nested,
  ref,
  resolve as resolveIn,
  resource as resourceIn,
  resourcesOf as resourcesIn,
  type TerraformModule,
  TF_DIR,
} from './terraform-module.js';

// The operations policy of deploy/terraform: what pages whom, where secrets live, what is backed
// up and patched. Parsed as HCL; the metric filters are evaluated against the app's real log lines.

let tf: TerraformModule;
beforeAll(async () => {
  tf = await loadTerraform();
});

const resource = (type: string, name: string) => resourceIn(tf, type, name);
const resourcesOf = (type: string) => resourcesIn(tf, type);
const resolve = (value: unknown) => resolveIn(tf, value);
const alarm = (name: string) => resource('aws_cloudwatch_metric_alarm', name);
const read = (file: string) => readFileSync(path.join(TF_DIR, file), 'utf8');
const script = (name: string) => readFileSync(path.join(TF_DIR, '..', 'scripts', name), 'utf8');
const TOPIC = ref('aws_sns_topic', 'alarms', 'arn');
const NAMESPACE = expr('local.metric_namespace');

describe('terraform: alarms', () => {
  it('has the alarms the runbook lists, and every one mails its SNS topic when it fires and clears', () => {
    const names = resourcesOf('aws_cloudwatch_metric_alarm').map(([name]) => name);
    expect(names.sort()).toEqual(
      [
        'app_cpu',
        'app_health',
        'db_connections',
        'db_cpu',
        'db_storage',
        'http_5xx_rate',
        'instance_status',
        'system_status',
        'uptime',
      ].sort(),
    );
    for (const [name, block] of resourcesOf('aws_cloudwatch_metric_alarm')) {
      const topic = name === 'uptime' ? ref('aws_sns_topic', 'alarms_us_east_1[0]', 'arn') : TOPIC;
      expect(resolve(block.alarm_actions), name).toContain(topic);
      expect(resolve(block.ok_actions), name).toContain(topic);
    }
    expect(resource('aws_sns_topic_subscription', 'alarm_email').endpoint).toBe(expr('var.alarm_email'));
    expect(resource('aws_sns_topic_subscription', 'alarm_email').protocol).toBe('email');
  });

  it('pages on more than 5 % of requests answered 5xx, from the metric filters on the app log', () => {
    const rate = alarm('http_5xx_rate');
    expect(resolve(rate.threshold)).toBe(5);
    expect(rate.comparison_operator).toBe('GreaterThanThreshold');
    const queries = rate.metric_query as Block[];
    const returned = queries.find((q) => q.return_data === true);
    expect(returned?.expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    const metricOf = (id: string) => (queries.find((q) => q.id === id)?.metric as Block[] | undefined)?.[0];
    expect(metricOf('requests')).toMatchObject({ namespace: NAMESPACE, metric_name: 'Requests', stat: 'Sum' });
    expect(metricOf('errors')).toMatchObject({ namespace: NAMESPACE, metric_name: 'ServerErrors', stat: 'Sum' });
    const filterOf = (metric: string) =>
      resourcesOf('aws_cloudwatch_log_metric_filter').find(
        ([, f]) => (f.metric_transformation as Block[])[0]?.name === metric,
      )?.[1];
    for (const metric of ['Requests', 'ServerErrors']) {
      expect(filterOf(metric)?.log_group_name, metric).toBe(ref('aws_cloudwatch_log_group', 'app', 'name'));
    }
  });

  it('pages when the health metric says 0 or stops arriving (server gone, app given up by systemd)', () => {
    const health = alarm('app_health');
    expect(health).toMatchObject({
      namespace: NAMESPACE,
      metric_name: 'HealthCheckOk',
      statistic: 'Minimum',
      comparison_operator: 'LessThanThreshold',
      threshold: 1,
      treat_missing_data: 'breaching',
    });
    // Published by the server's timer under that name; the unit keeps running when the app is down.
    expect(script('report-health.sh')).toContain('\\"MetricName\\":\\"HealthCheckOk\\"');
    const unit = readFileSync(path.join(TF_DIR, '..', 'systemd', 'tableorder-health.service'), 'utf8');
    expect(unit).not.toMatch(/^(BindsTo|Requires|PartOf)=tableorder\.service/m);
    expect(read('user-data.sh.tftpl')).toContain(`METRIC_NAMESPACE=${expr('metric_namespace')}`);
  });

  it('recovers the instance onto healthy hardware when the system status check fails, and reboots a hung one', () => {
    const system = alarm('system_status');
    expect(system).toMatchObject({ namespace: 'AWS/EC2', metric_name: 'StatusCheckFailed_System' });
    expect(system.dimensions).toEqual({ InstanceId: ref('aws_instance', 'app') });
    expect(system.alarm_actions).toContain(`arn:aws:automate:${expr('var.aws_region')}:ec2:recover`);
    const instance = alarm('instance_status');
    expect(instance).toMatchObject({ namespace: 'AWS/EC2', metric_name: 'StatusCheckFailed_Instance' });
    expect(instance.alarm_actions).toContain(`arn:aws:automate:${expr('var.aws_region')}:ec2:reboot`);
  });

  it('watches the database: CPU, free storage and connections', () => {
    const db = { DBInstanceIdentifier: ref('aws_db_instance', 'main', 'identifier') };
    for (const [name, metric] of [
      ['db_cpu', 'CPUUtilization'],
      ['db_storage', 'FreeStorageSpace'],
      ['db_connections', 'DatabaseConnections'],
    ] as const) {
      expect(alarm(name), name).toMatchObject({ namespace: 'AWS/RDS', metric_name: metric, dimensions: db });
    }
    expect(resolve(alarm('db_connections').threshold)).toBe(150);
  });

  it('checks https://<domain>/health from outside, alarming in us-east-1 where Route 53 publishes', () => {
    const check = resource('aws_route53_health_check', 'uptime');
    expect(check).toMatchObject({ fqdn: expr('var.domain_name'), type: 'HTTPS_STR_MATCH', resource_path: '/health' });
    const uptime = alarm('uptime');
    expect(uptime).toMatchObject({
      provider: expr('aws.us_east_1'),
      namespace: 'AWS/Route53',
      treat_missing_data: 'breaching',
    });
    expect(resource('aws_sns_topic', 'alarms_us_east_1').provider).toBe(expr('aws.us_east_1'));
    expect(resource('aws_sns_topic_subscription', 'alarm_email_us_east_1').endpoint).toBe(expr('var.alarm_email'));
  });
});

describe('terraform: the dashboard', () => {
  const rendered = () =>
    JSON.parse(
      read('dashboard.json.tftpl').replace(/\$\{([a-z_0-9]+)\}/g, (_m, name: string) =>
        name.startsWith('threshold') ? '5' : `test-${name}`,
      ),
    ) as { widgets: Array<{ properties: { title?: string; metrics?: unknown[][] } }> };

  it('renders to valid JSON with requests, p99, 5xx, orders, open streams, database and Redis', () => {
    const titles = rendered().widgets.map((w) => w.properties.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Requests per minute',
        'Latency (ms)',
        '5xx answers',
        'Orders per minute',
        'Open streams and table sessions',
        'Database CPU (%) and connections',
        'Redis',
      ]),
    );
    const text = read('dashboard.json.tftpl');
    expect(text).toContain('"stat": "p99"');
    expect(resource('aws_cloudwatch_dashboard', 'main').dashboard_body).toContain('dashboard.json.tftpl');
  });

  it('graphs only metrics something publishes', () => {
    const fromFilters = resourcesOf('aws_cloudwatch_log_metric_filter').map(
      ([, f]) => (f.metric_transformation as Block[])[0]?.name,
    );
    const fromServer = [...script('report-health.sh').matchAll(/\\"MetricName\\":\\"(\w+)\\"/g)].map((m) => m[1]);
    const own = rendered()
      .widgets.flatMap((w) => w.properties.metrics ?? [])
      .filter((m) => m[0] === 'test-namespace')
      .map((m) => m[1]);
    expect(own.length).toBeGreaterThan(5);
    for (const metric of own) expect([...fromFilters, ...fromServer]).toContain(metric);
  });
});

/** CloudWatch Logs' JSON filter syntax, the part the filters use: `$.a op value`, &&, ||, (). */
function matches(pattern: string, line: Record<string, unknown>): boolean {
  const tokens = pattern
    .trim()
    .replace(/^\{|\}$/g, '')
    .match(/\(|\)|&&|\|\||\$\.[a-zA-Z_.]+|>=|<=|!=|=|>|<|"[^"]*"|-?\d+(?:\.\d+)?|\*/g);
  if (!tokens) throw new Error(`cannot read ${pattern}`);
  let at = 0;
  const next = () => tokens[at++] as string;
  const orExpr = (): boolean => {
    let value = andExpr();
    while (tokens[at] === '||') {
      next();
      value = andExpr() || value;
    }
    return value;
  };
  const andExpr = (): boolean => {
    let value = primary();
    while (tokens[at] === '&&') {
      next();
      value = primary() && value;
    }
    return value;
  };
  const primary = (): boolean => {
    const token = next();
    if (token === '(') {
      const value = orExpr();
      if (next() !== ')') throw new Error(`unbalanced ${pattern}`);
      return value;
    }
    const actual = token
      .slice(2)
      .split('.')
      .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], line);
    const op = next();
    const raw = next();
    if (raw === '*') return actual !== undefined;
    const expected = raw.startsWith('"') ? raw.slice(1, -1) : Number(raw);
    if (typeof expected === 'number' && typeof actual !== 'number') return false;
    const a = actual as number;
    const b = expected as number;
    return { '=': a === b, '!=': a !== b, '>=': a >= b, '<=': a <= b, '>': a > b, '<': a < b }[op] ?? false;
  };
  const result = orExpr();
  if (at !== tokens.length) throw new Error(`unread tokens in ${pattern}`);
  return result;
}

describe('terraform: the metric filters read the log lines the app writes', () => {
  let t: TestApp;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    t = await startTestApp({
      logger: pino({ level: 'info', base: { service: 'tableorder' } }, sink),
      setup: (app) => {
        app.get('/api/v1/test-only/fails', { config: { access: 'public' } }, async () => {
          throw new Error('boom');
        });
      },
    });
    const w = await factories(t.app).world();
    await t.api.get('/api/v1/nothing-here');
    await t.api.get('/api/v1/test-only/fails');
    const placed = await t.api.post(
      '/api/v1/table/orders',
      { items: [{ menuId: w.menus[0]!.id, quantity: 1 }] },
      { token: w.tables[0]!.token, headers: { 'idempotency-key': randomUUID() } },
    );
    expect(placed.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  afterAll(() => t.close());

  const pattern = (name: string) => {
    const raw = String(resource('aws_cloudwatch_log_metric_filter', name).pattern);
    // `${local.request_line}` spelled out, as Terraform does.
    return raw.replace(expr('local.request_line'), String(tf.locals.request_line));
  };
  const matching = (name: string) => lines.filter((line) => matches(pattern(name), line));

  it('counts every request line, and only request lines', () => {
    const requests = matching('requests');
    expect(requests.map((l) => `${l.method} ${l.route} ${l.status}`)).toEqual([
      'GET unmatched 404',
      'GET /api/v1/test-only/fails 500',
      'POST /api/v1/table/orders 201',
    ]);
    expect(lines.length).toBeGreaterThan(requests.length); // the 500's error line is not a request
  });

  it('counts 5xx answers, orders placed, and reads the latency in ms', () => {
    expect(matching('server_errors').map((l) => l.status)).toEqual([500]);
    expect(matching('orders').map((l) => l.route)).toEqual(['/api/v1/table/orders']);
    const latency = matching('latency');
    expect(latency).toHaveLength(3);
    const transformation = (
      resource('aws_cloudwatch_log_metric_filter', 'latency').metric_transformation as Block[]
    )[0];
    expect(transformation?.value).toBe('$.ms');
    for (const line of latency) expect(typeof line.ms).toBe('number');
  });

  it('has Logs Insights queries in the runbook that use pino numeric levels', () => {
    const runbook = readFileSync(path.join(TF_DIR, '..', 'README.md'), 'utf8');
    expect(runbook).toMatch(/filter level >= 50/);
    expect(lines.find((l) => l.msg === 'request')?.level).toBe(30);
    expect(lines.some((l) => typeof l.level === 'number' && l.level >= 50)).toBe(true);
  });
});

describe('terraform: secrets', () => {
  it('generates the database password ephemerally and hands it over write-only: nothing in the state', () => {
    expect(resourcesOf('random_password')).toEqual([]);
    expect(tf.ephemeral.random_password?.db).toMatchObject({ special: false });
    const db = resource('aws_db_instance', 'main');
    expect(db.password).toBeUndefined();
    expect(db.manage_master_user_password).toBeUndefined();
    expect(db.password_wo).toBe(expr('ephemeral.random_password.db.result'));
    expect(db.password_wo_version).toBe(expr('var.db_password_version'));
    const parameter = resource('aws_ssm_parameter', 'database_password');
    expect(parameter).toMatchObject({
      type: 'SecureString',
      key_id: ref('aws_kms_key', 'secrets', 'arn'),
      value_wo: expr('ephemeral.random_password.db.result'),
      value_wo_version: expr('var.db_password_version'),
    });
    expect(parameter.value).toBeUndefined();
    expect(resource('aws_kms_key', 'secrets').enable_key_rotation).toBe(true);
    expect(tf.sources['versions.tf']).toMatch(/required_version = ">= 1\.11"/);
  });

  it('has no secret among its variables, outputs or first-boot files', () => {
    for (const [name, variable] of Object.entries(tf.variables)) {
      if (/password|secret|token|private_key/.test(name)) expect(name, 'only versions of secrets').toMatch(/_version$/);
      expect(variable.sensitive, name).toBeUndefined();
    }
    for (const [name, parameter] of resourcesOf('aws_ssm_parameter')) {
      expect(parameter.type, name).toBe('SecureString');
      expect(parameter.value, name).toBeUndefined();
    }
    const userData = read('user-data.sh.tftpl');
    // The env file is written by write-env-file.sh from Parameter Store, not from a heredoc here.
    expect(userData).not.toMatch(/JWT_SECRET_KEY=|SUPERADMIN_PASSWORD=|openssl rand/);
    expect(resource('aws_instance', 'app').user_data).toContain('write_env_file = file(');
  });

  it('passes first boot every setting write-env-file.sh requires', () => {
    const required = /for required in ([A-Z_ ]+); do/.exec(script('write-env-file.sh'))?.[1]?.trim().split(/\s+/) ?? [];
    expect(required.length).toBeGreaterThan(5);
    const settings = /<<SETTINGS\n([\s\S]*?)\nSETTINGS\n/.exec(read('user-data.sh.tftpl'))?.[1] ?? '';
    const written = settings.split('\n').map((line) => line.split('=')[0]);
    for (const name of required) expect(written).toContain(name);
  });
});

describe('terraform: backups and patching', () => {
  it('snapshots the app server volume daily with DLM, kept a week, through a role only DLM can take', () => {
    const policy = resource('aws_dlm_lifecycle_policy', 'app_volume');
    expect(policy.state).toBe('ENABLED');
    expect(policy.execution_role_arn).toBe(ref('aws_iam_role', 'dlm', 'arn'));
    const details = nested(policy, 'policy_details');
    expect(details.resource_types).toEqual(['VOLUME']);
    const schedule = nested(details, 'schedule');
    expect(nested(schedule, 'create_rule')).toMatchObject({ interval: 24, interval_unit: 'HOURS' });
    expect(resolve(nested(schedule, 'retain_rule').count)).toBe(7);
    // The volume carries the tag the policy looks for.
    const volumeTags = nested(resource('aws_instance', 'app'), 'root_block_device').tags as Record<string, string>;
    for (const [key, value] of Object.entries(details.target_tags as Record<string, string>)) {
      expect(volumeTags[key]).toBe(value);
    }
    const assume = JSON.stringify(tf.data.aws_iam_policy_document?.dlm_assume);
    expect(assume).toContain('dlm.amazonaws.com');
    for (const statement of (tf.data.aws_iam_policy_document?.dlm?.statement as Block[]) ?? []) {
      for (const action of statement.actions as string[]) expect(action).toMatch(/^ec2:(Create|Delete|Describe)\w+$/);
    }
  });

  it('applies security updates every night with dnf-automatic, following the latest Amazon Linux release', () => {
    const userData = read('user-data.sh.tftpl');
    expect(read('compute.tf')).toContain('al2023-ami-2023');
    expect(userData).toMatch(/dnf -y install [^\n]*\\\n\s+dnf-automatic/);
    expect(userData).toContain('echo latest > /etc/dnf/vars/releasever');
    expect(userData).toMatch(/upgrade_type = security\n/);
    expect(userData).toMatch(/apply_updates = yes\n/);
    expect(userData).toMatch(/systemctl enable --now [^\n]*dnf-automatic\.timer/);
    expect(userData.indexOf('echo latest')).toBeLessThan(userData.indexOf('dnf -y upgrade'));
  });
});
