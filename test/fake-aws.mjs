#!/usr/bin/env node
// A stand-in for the AWS CLI in the tests of deploy/scripts: the few commands the scripts call,
// answered the way the real CLI answers them (output on stdout, `An error occurred (Code)` on
// stderr with exit code 254), with state in the folder FAKE_AWS_DIR. Every call is appended to
// FAKE_AWS_DIR/calls.jsonl. Parameter values sent as file://… are read like the CLI reads them.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.FAKE_AWS_DIR;
if (!dir) {
  console.error('FAKE_AWS_DIR is not set');
  process.exit(255);
}
const args = process.argv.slice(2);
appendFileSync(path.join(dir, 'calls.jsonl'), `${JSON.stringify(args)}\n`);

const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? undefined : args[at + 1];
};
const fail = (code, message) => {
  console.error(`\nAn error occurred (${code}) when calling the operation: ${message}`);
  process.exit(254);
};
const readValue = (raw) => (raw?.startsWith('file://') ? readFileSync(raw.slice('file://'.length), 'utf8') : raw);

const parameters = path.join(dir, 'parameters');
const snapshots = path.join(dir, 'snapshots');
mkdirSync(parameters, { recursive: true });
mkdirSync(snapshots, { recursive: true });
const parameterFile = (name) => path.join(parameters, encodeURIComponent(name));

const [service, command] = args;
switch (`${service} ${command}`) {
  case 'ssm get-parameter': {
    const file = parameterFile(option('name'));
    if (!existsSync(file)) fail('ParameterNotFound', '');
    process.stdout.write(`${JSON.parse(readFileSync(file, 'utf8')).value}\n`);
    break;
  }
  case 'ssm put-parameter': {
    const file = parameterFile(option('name'));
    if (existsSync(file) && !args.includes('--overwrite')) {
      fail('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option');
    }
    const record = { value: readValue(option('value')), type: option('type'), keyId: option('key-id') };
    writeFileSync(file, JSON.stringify(record));
    process.stdout.write('{"Version": 1, "Tier": "Standard"}\n');
    break;
  }
  case 'cloudwatch put-metric-data':
    break;
  case 'rds create-db-snapshot': {
    const id = option('db-snapshot-identifier');
    writeFileSync(path.join(snapshots, id), String(process.hrtime.bigint()));
    process.stdout.write(`{"DBSnapshot": {"DBSnapshotIdentifier": "${id}"}}\n`);
    break;
  }
  case 'rds wait':
    if (!existsSync(path.join(snapshots, option('db-snapshot-identifier')))) fail('WaiterError', 'not found');
    break;
  case 'rds describe-db-snapshots': {
    // Only what snapshot-database.sh asks: its own snapshots, oldest first, as text.
    const prefix = /starts_with\(DBSnapshotIdentifier, '([^']+)'\)/.exec(option('query') ?? '')?.[1] ?? '';
    const ids = readdirSync(snapshots)
      .filter((id) => id.startsWith(prefix))
      .sort((a, b) => {
        const [x, y] = [a, b].map((id) => BigInt(readFileSync(path.join(snapshots, id), 'utf8')));
        return x < y ? -1 : x > y ? 1 : 0;
      });
    process.stdout.write(`${ids.join('\t')}\n`);
    break;
  }
  case 'rds delete-db-snapshot': {
    const id = option('db-snapshot-identifier');
    if (!existsSync(path.join(snapshots, id))) fail('DBSnapshotNotFound', id);
    rmSync(path.join(snapshots, id));
    appendFileSync(path.join(dir, 'deleted-snapshots'), `${id}\n`);
    break;
  }
  default:
    fail('InvalidAction', `the fake AWS CLI does not know "${service} ${command}"`);
}
