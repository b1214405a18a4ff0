import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadedCatalog } from '../support/catalog';
import { policyChecks } from '../support/checks';

const { assertFinding, assertNoFinding, applyFirstFix } = policyChecks({ path: 'policy.json' });

const policy = (condition: string, action = 's3:GetObject') =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "${action}", "Resource": "*", "Condition": ${condition}}]}`;

describe('IP address condition checks (reference_policies_condition-keys.md, aws:SourceIp)', () => {
  before(async () => {
    await loadedCatalog(['s3']);
  });

  it('TYPE_MISMATCH_IP_RANGE for a value that is no CIDR block; near miss: IPv4, IPv6, bare addresses', () => {
    assertFinding(policy('{"IpAddress": {"aws:SourceIp": «"203.0.113.0/33"»}}'), 'TYPE_MISMATCH_IP_RANGE');
    assertFinding(policy('{"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", «"my office"»]}}'), 'TYPE_MISMATCH_IP_RANGE');
    assertNoFinding(policy('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:DB8:1234:5678::/64", "198.51.100.7"]}}'), 'TYPE_MISMATCH_IP_RANGE');
  });

  it('IMPROVE_IP_RANGE for host bits after the prefix, fixed to the network address', () => {
    assertFinding(policy('{"IpAddress": {"aws:SourceIp": «"203.0.113.5/24"»}}'), 'IMPROVE_IP_RANGE');
    assert.match(applyFirstFix(policy('{"IpAddress": {"aws:SourceIp": "203.0.113.5/24"}}'), 'IMPROVE_IP_RANGE'), /"203\.0\.113\.0\/24"/);
    assert.match(applyFirstFix(policy('{"IpAddress": {"aws:SourceIp": "2001:db8:0:0:1::/64"}}'), 'IMPROVE_IP_RANGE'), /"2001:db8::\/64"/);
    assertNoFinding(policy('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "203.0.113.5"]}}'), 'IMPROVE_IP_RANGE');
  });

  it('PRIVATE_IP_ADDRESS when aws:SourceIp lists only private ranges; near miss: aws:VpcSourceIp', () => {
    assertFinding(policy('{"IpAddress": {«"aws:SourceIp"»: ["10.0.0.0/8", "192.168.1.0/24"]}}'), 'PRIVATE_IP_ADDRESS');
    assert.match(applyFirstFix(policy('{"IpAddress": {"aws:SourceIp": "10.1.0.0/16"}}'), 'PRIVATE_IP_ADDRESS'), /"aws:VpcSourceIp"/);
    assertNoFinding(policy('{"IpAddress": {"aws:VpcSourceIp": "10.1.0.0/16"}, "StringEquals": {"aws:SourceVpc": "vpc-1a2b3c4d"}}'), 'PRIVATE_IP_ADDRESS');
    assertNoFinding(policy('{"IpAddress": {"aws:SourceIp": "172.32.0.0/16"}}'), 'PRIVATE_IP_ADDRESS');
    assertNoFinding(policy('{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}'), 'PRIVATE_IP_ADDRESS');
  });

  it('PRIVATE_NOTIPADDRESS for NotIpAddress with only private ranges (IPv6 unique local included)', () => {
    assertFinding(policy('{"NotIpAddress": {«"aws:SourceIp"»: ["172.16.0.0/12", "fd00::/8"]}}'), 'PRIVATE_NOTIPADDRESS');
    assertNoFinding(policy('{"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}'), 'PRIVATE_NOTIPADDRESS');
  });

  it('PRIVATE_IP_ADDRESS_SUBSET and PRIVATE_NOTIPADDRESS_SUBSET at each private value, fixed by removing them', () => {
    assertFinding(policy('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", «"10.0.0.0/8"»]}}'), 'PRIVATE_IP_ADDRESS_SUBSET');
    assertFinding(policy('{"NotIpAddressIfExists": {"aws:SourceIp": [«"192.168.0.0/16"», "203.0.113.0/24"]}}'), 'PRIVATE_NOTIPADDRESS_SUBSET');
    const fixed = applyFirstFix(policy('{"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.0/24", "192.168.0.0/16"]}}'), 'PRIVATE_IP_ADDRESS_SUBSET');
    assert.deepEqual(JSON.parse(fixed).Statement[0].Condition.IpAddress['aws:SourceIp'], ['203.0.113.0/24']);
    assertNoFinding(policy('{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "198.51.100.0/24"]}}'), 'PRIVATE_IP_ADDRESS_SUBSET');
  });
});
