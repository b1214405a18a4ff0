import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { hoverAtCursor } from '../support/cursor';

describe('hover on ARNs (reference_identifiers.md)', () => {
  before(async () => {
    await loadedCatalog(['s3']);
  });

  const statement = '{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["RESOURCE"]}]}';

  it('names the parts, the resource type, and which statement actions take the ARN', async () => {
    const result = (await hoverAtCursor(statement.replace('RESOURCE', 'arn:aws:s3:::reports/|2024/*')))!;
    assert.equal(result.hovered, '"arn:aws:s3:::reports/2024/*"');
    assert.match(result.markdown, /\| partition \| `aws` \|/);
    assert.match(result.markdown, /\| service \| `s3` Amazon S3 \|/);
    assert.match(result.markdown, /\| Region \| \(none: global resource\) \|/);
    assert.match(result.markdown, /\| resource \| `reports\/2024\/\*` \|/);
    assert.match(result.markdown, /Resource type: `object`/);
    assert.match(result.markdown, /Taken by 1 of the statement's 2 s3 actions: `s3:GetObject`/);
    assert.match(result.markdown, /Not by: `s3:ListBucket`/);
  });

  it('a bucket ARN is a bucket, taken by ListBucket', async () => {
    const result = (await hoverAtCursor(statement.replace('RESOURCE', 'arn:aws:s3:::rep|orts')))!;
    assert.match(result.markdown, /Resource type: `bucket`/);
    assert.match(result.markdown, /Taken by 1 of the statement's 2 s3 actions: `s3:ListBucket`/);
  });

  it('a policy variable in the ARN is explained on its own (reference_policies_variables.md)', async () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:user|name}/*"}]}';
    const result = (await hoverAtCursor(text))!;
    assert.equal(result.hovered, '${aws:username}');
    assert.match(result.markdown, /policy variable/);
    assert.match(result.markdown, /requester's user name/);
    assert.doesNotMatch(result.markdown, /needs `"Version"/i);
  });

  it('a variable with a default value, and the Version warning', async () => {
    const text = '{"Statement": [{"Resource": "arn:aws:s3:::b-${aws:PrincipalTag/team, \'company-wide\'|}"}]}';
    const result = (await hoverAtCursor(text))!;
    assert.match(result.markdown, /Default: `company-wide`/);
    assert.match(result.markdown, /needs `"Version": "2012-10-17"`/);
  });

  it('special-character variables', async () => {
    const result = (await hoverAtCursor('{"Version": "2012-10-17", "Statement": [{"Resource": "arn:aws:s3:::b/${|*}"}]}'))!;
    assert.match(result.markdown, /a literal \* \(asterisk\), not a wildcard/);
  });
});

describe('hover on principals (reference_policies_elements_principal.md)', () => {
  const principal = (type: string, value: string) => hoverAtCursor(`{"Statement": [{"Principal": {"${type}": "${value}"}}]}`);

  it('an account, by id and by root ARN', async () => {
    assert.match((await principal('AWS', '1111222|23333'))!.markdown, /^\*\*AWS account 111122223333\*\*/);
    assert.match((await principal('AWS', 'arn:aws:iam::111122223333:ro|ot'))!.markdown, /not only to its root user/);
  });

  it('roles, users, sessions, providers and everyone', async () => {
    assert.match((await principal('AWS', 'arn:aws:iam::111122223333:role/De|ployer'))!.markdown, /IAM role `Deployer` in account 111122223333/);
    assert.match((await principal('AWS', 'arn:aws:sts::111122223333:assumed-role/R/s|ession'))!.markdown, /Assumed-role session `session` of role `R`/);
    assert.match((await principal('Federated', 'accounts.goo|gle.com'))!.markdown, /Google/);
    assert.match((await principal('Service', 'lambda.amazon|aws.com'))!.markdown, /AWS service principal/);
    assert.match((await principal('AWS', '|*'))!.markdown, /including anonymous users/);
  });

  it('principal types as keys', async () => {
    assert.match((await hoverAtCursor('{"Statement": [{"Principal": {"Fed|erated": "x"}}]}'))!.markdown, /SAML or OIDC providers/);
  });
});

describe('hover on Version, Effect and element keys', () => {
  it('Version values (reference_policies_elements_version.md)', async () => {
    assert.match((await hoverAtCursor('{"Version": "2012-10|-17"}'))!.markdown, /current version/);
    assert.match((await hoverAtCursor('{"Version": "2008-10|-17"}'))!.markdown, /read as literal text/);
    assert.match((await hoverAtCursor('{"Version": "2012-10|-18"}'))!.markdown, /is not a policy language version/);
  });

  it('element keys with their User Guide page', async () => {
    const result = (await hoverAtCursor('{"Statement": [{"NotAc|tion": "iam:*"}]}'))!;
    assert.equal(result.hovered, '"NotAction"');
    assert.match(result.markdown, /reference_policies_elements_notaction\.html/);
    assert.match((await hoverAtCursor('{"Ver|sion": "2012-10-17"}'))!.markdown, /policy language version/);
  });

  it('Effect values', async () => {
    assert.match((await hoverAtCursor('{"Statement": [{"Effect": "De|ny"}]}'))!.markdown, /explicit deny overrides any allow/);
  });

  it('the opening quote counts as the string', async () => {
    assert.equal((await hoverAtCursor('{"Statement": [{"Effect": |"Deny"}]}'))?.hovered, '"Deny"');
  });

  it('nothing outside strings or on unknown keys', async () => {
    assert.equal(await hoverAtCursor('{"Statement": [{"Effect": "Deny"} | ]}'), undefined);
    assert.equal(await hoverAtCursor('{"Statement": [{"Unkn|own": "x"}]}'), undefined);
  });
});
