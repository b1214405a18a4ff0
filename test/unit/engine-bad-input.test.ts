import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePolicies, evaluateActions, evaluateRequest, type EvaluationResult } from '../../server/src/engine';
import { readSimulationFile } from '../../server/src/engine/simulationFile';

const USER = 'arn:aws:iam::111122223333:user/alice';
const request = { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
const ALLOW_ALL = { Effect: 'Allow', Action: '*', Resource: '*' };

function withStatement(statement: unknown, text?: string): EvaluationResult {
  const policy = text ?? JSON.stringify({ Version: '2012-10-17', Statement: [ALLOW_ALL, statement] });
  return evaluateRequest(compilePolicies({ identity: [{ id: 'p', text: policy }] }), request);
}

describe('bad input: a statement that cannot be evaluated is reported, and a Deny is not skipped', () => {
  it('an unknown operator in a Deny: explicit deny, with the reason', () => {
    const result = withStatement({ Sid: 'D', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringEqualz: { 'aws:username': 'bob' } } });
    assert.equal(result.decision, 'explicitDeny');
    assert.match(result.errors[0].message, /"StringEqualz" is not a condition operator.*taken as applying/);
    assert.equal(result.matchedStatements.find((s) => s.sid === 'D')?.unevaluable, true);
  });

  it('an unknown operator in an Allow grants nothing and says so', () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { NumericEqualz: { 'x:n': '1' } } }] });
    const result = withStatement(undefined, policy);
    assert.equal(result.decision, 'implicitDeny');
    assert.match(result.errors[0].message, /grants nothing/);
  });

  it('a false condition rules a statement out even when another condition cannot be evaluated', () => {
    const result = withStatement({ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bogus: { 'x:y': 'z' }, StringEquals: { 'aws:username': 'bob' } } });
    assert.equal(result.decision, 'allowed');
    assert.equal(result.errors.length, 0);
  });

  it('malformed condition values: a number, a date, an address, a boolean, base-64', () => {
    for (const condition of [
      { NumericLessThan: { 'aws:MultiFactorAuthAge': 'ten' } },
      { DateGreaterThan: { 'aws:CurrentTime': '2024-13-01' } },
      { IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } },
      { Bool: { 'aws:SecureTransport': 'yes' } },
      { BinaryEquals: { 'x:b': 'not base64!' } },
      { 'ForAllValues:Null': { 'aws:TagKeys': 'true' } },
      { NullIfExists: { 'aws:TagKeys': 'true' } },
    ]) {
      const result = withStatement({ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: condition });
      assert.equal(result.decision, 'explicitDeny', JSON.stringify(condition));
      assert.equal(result.errors.length, 1, JSON.stringify(condition));
    }
  });

  it('a request value that does not fit the operator cannot be evaluated', () => {
    const result = evaluateRequest(
      compilePolicies({ identity: [{ id: 'p', text: JSON.stringify({ Version: '2012-10-17', Statement: [ALLOW_ALL, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] }) }] }),
      { ...request, context: { 'aws:SourceIp': 'not-an-ip' } },
    );
    assert.equal(result.decision, 'explicitDeny');
    assert.match(result.errors[0].message, /"not-an-ip" of aws:SourceIp cannot be compared with IpAddress/);
  });

  it('missing or invalid Effect, Action, Resource: the statement cannot be evaluated', () => {
    for (const statement of [
      { Effect: 'deny', Action: 's3:*', Resource: '*' },
      { Action: 's3:*', Resource: '*' },
      { Effect: 'Deny', Resource: '*' },
      { Effect: 'Deny', Action: 's3:*' },
      { Effect: 'Deny', Action: 's3:*', NotAction: 'iam:*', Resource: '*' },
      { Effect: 'Deny', Action: [5], Resource: '*' },
      { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: 'nope' },
    ]) {
      const result = withStatement(statement);
      assert.equal(result.decision, 'explicitDeny', JSON.stringify(statement));
      assert.ok(result.errors.length > 0, JSON.stringify(statement));
    }
  });

  it('a statement that cannot be evaluated but does not apply anyway is just unmatched', () => {
    const result = withStatement({ Effect: 'Deny', Action: 'ec2:*', Resource: '*', Condition: { Bogus: {} } });
    assert.equal(result.decision, 'allowed');
    assert.equal(result.unmatchedStatements[0].reason.element, 'action');
  });

  it('a resource policy Principal with an unknown type cannot be evaluated', () => {
    const resource = { id: 'r', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { Everyone: 'x' }, Action: '*', Resource: '*' }] }) };
    const result = evaluateRequest(compilePolicies({ identity: [{ id: 'p', text: JSON.stringify({ Version: '2012-10-17', Statement: [ALLOW_ALL] }) }], resource }), request);
    assert.equal(result.decision, 'explicitDeny');
    assert.match(result.errors[0].message, /"Everyone" is not a principal type/);
  });

  it('JSON syntax errors are reported; what could be read is evaluated', () => {
    const result = withStatement(undefined, '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},');
    assert.equal(result.decision, 'allowed');
    assert.match(result.errors[0].message, /JSON syntax problem/);
  });

  it('malformed requests: an unknown principal, an action pattern, a resource that is not an ARN', () => {
    const compiled = compilePolicies({ identity: [{ id: 'p', text: JSON.stringify({ Version: '2012-10-17', Statement: [ALLOW_ALL] }) }] });
    const bad = evaluateRequest(compiled, { principal: 'alice', action: 's3:Get*', resource: 'bucket/key' });
    assert.equal(bad.decision, 'implicitDeny');
    assert.equal(bad.errors.length, 3);
  });

  it('requests of the wrong JSON types are read as far as they can be, without throwing', () => {
    const compiled = compilePolicies({
      identity: [{ id: 'p', json: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'x:list': '1' }, NumericEquals: { 'x:n': 5 } } }] } }],
    });
    const odd = { principal: 5, action: null, resource: {}, context: { 'x:list': [1, null, { a: 1 }], 'x:n': 5, 'x:o': { a: 1 } }, principalTags: { team: 7 } } as unknown as Parameters<typeof evaluateRequest>[1];
    assert.equal(evaluateRequest(compiled, odd).decision, 'implicitDeny');
    const fine = { principal: USER, action: 's3:GetObject', resource: '*', context: { 'x:list': [1, 2], 'x:n': 5 } } as unknown as Parameters<typeof evaluateRequest>[1];
    assert.equal(evaluateRequest(compiled, fine).decision, 'allowed');
  });

  it('never throws on arbitrary documents (seeded fuzz), and an unevaluable Deny is never silently skipped', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
    const atoms = [null, true, 7, '', '*', 's3:*', 'arn:aws:s3:::*', '${aws:username}', 'Deny', 'Allow', [], {}, ['*'], { AWS: '*' }];
    const value = (depth: number): unknown => {
      if (depth > 3 || next() < 0.5) return pick(atoms);
      if (next() < 0.5) return Array.from({ length: Math.floor(next() * 3) }, () => value(depth + 1));
      const keys = ['Effect', 'Action', 'NotAction', 'Resource', 'Principal', 'Condition', 'StringLike', 'ForAnyValue:DateLessThan', 'aws:TagKeys', 'Null', 'IpAddress', 'Bool'];
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [pick(keys), value(depth + 1)]));
    };
    for (let i = 0; i < 500; i++) {
      const statement = { Effect: pick(['Allow', 'Deny', 'Maybe']), Action: value(2), Resource: value(2), Condition: value(1) };
      const text = next() < 0.1 ? JSON.stringify(statement).slice(0, Math.floor(next() * 60)) : JSON.stringify({ Version: '2012-10-17', Statement: [ALLOW_ALL, statement] });
      const result = evaluateRequest(compilePolicies({ identity: [{ id: 'p', text }], resource: { id: 'r', text } }), { ...request, context: { 'aws:TagKeys': ['a'] } });
      if (result.matchedStatements.some((s) => s.unevaluable && s.effect !== 'Allow')) assert.equal(result.decision, 'explicitDeny', text);
    }
  });
});

describe('action patterns: one result per concrete action', () => {
  it('evaluateActions expands a pattern with the given expander and decides each action', () => {
    const compiled = compilePolicies({ identity: [{ id: 'p', text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) }] });
    const result = evaluateActions(compiled, { ...request, action: 's3:GetObj*' }, () => ['s3:GetObject', 's3:GetObjectAcl']);
    assert.deepEqual(
      result.results.map((one) => [one.request.action, one.decision]),
      [
        ['s3:GetObject', 'allowed'],
        ['s3:GetObjectAcl', 'implicitDeny'],
      ],
    );
    assert.equal(result.decision, 'implicitDeny');
    assert.deepEqual(evaluateActions(compiled, { ...request, action: 's3:Nothing*' }, () => []).errors, [{ message: 'No known action matches "s3:Nothing*".' }]);
  });
});

describe('the simulate request file', () => {
  it('reads DOCs as inline objects, JSON text, managed policy ARNs and file paths', () => {
    const file = readSimulationFile({
      request: { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context: { 'aws:MultiFactorAuthAge': 300, 'aws:TagKeys': ['a', 'b'] } },
      policies: { identity: [{ Version: '2012-10-17', Statement: [] }, '{"Statement":[]}', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'policies/dev.json'], scp: [[], ['root.scp.json']] },
    });
    assert.ok(!('problem' in file));
    assert.deepEqual(
      file.policies.identity?.map((reference) => reference.kind),
      ['inline', 'inline', 'managed', 'file'],
    );
    assert.deepEqual(file.request.context, { 'aws:MultiFactorAuthAge': '300', 'aws:TagKeys': ['a', 'b'] });
    assert.equal(file.policies.scp?.[1][0].at, 'policies.scp[1][0]');
  });

  it('names the first problem by its place in the file', () => {
    const problem = (json: unknown) => {
      const read = readSimulationFile(json);
      return 'problem' in read ? read.problem : 'no problem';
    };
    const base = { principal: USER, action: 's3:GetObject', resource: '*' };
    assert.match(problem([]), /the request file must be a JSON object/);
    assert.match(problem({ request: { ...base, action: 'GetObject' } }), /request\.action must look like "service:Action"/);
    assert.match(problem({ request: { ...base, context: { k: { nested: 1 } } } }), /request\.context\["k"\] must be a string/);
    assert.match(problem({ request: base, policies: { scp: [{}] } }), /policies\.scp\[0\] must be an array/);
    assert.match(problem({ request: base, policies: { identity: ['{"Statement": ['] } }), /policies\.identity\[0\] is not valid JSON/);
    assert.match(problem({ request: { ...base, resourceAccount: '12' } }), /12-digit account id/);
  });
});
