/**
 * Partitions and Region codes, which the service catalog does not carry.
 *
 * Sources: reference_identifiers.md ("For standard AWS Regions, the partition is `aws`... the
 * partition for resources in the China (Beijing) Region is `aws-cn`") and the AWS General
 * Reference, "Regions and endpoints" / "ARN partitions" (aws, aws-cn, aws-us-gov, aws-iso,
 * aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc).
 *
 * Region validity is decided by the shape of the code, never by membership in a list: AWS opens
 * Regions every year and a stale list would flag valid policies. A Region code is
 * `<area>[-<qualifier>]-<direction>-<number>` ("us-east-1", "us-gov-west-1", "us-isob-east-1",
 * "eusc-de-east-1"); anything else is a typo. The list of known Regions below only feeds
 * "did you mean" suggestions. Which partition a Region belongs to follows from its prefix
 * (cn- is aws-cn, us-gov- is aws-us-gov...), which lets us flag a China Region in an `aws` ARN.
 */

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;

/** Known Region codes (General Reference, Regions and endpoints), for suggestions only. */
export const KNOWN_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-iso-east-1',
  'us-iso-west-1',
  'us-isob-east-1',
  'eu-isoe-west-1',
  'us-isof-south-1',
  'us-isof-east-1',
  'eusc-de-east-1',
];

const DIRECTIONS = 'east|west|north|south|central|northeast|northwest|southeast|southwest';
const REGION_SHAPE = new RegExp(`^[a-z]{2,4}(-[a-z]{2,5})?-(${DIRECTIONS})-[1-9][0-9]?$`);

/** Whether `text` has the shape of a Region code (lower case, as AWS writes them). */
export function isRegionCode(text: string): boolean {
  return REGION_SHAPE.test(text);
}

/** The partition a well-formed Region code belongs to, from its prefix. */
export function partitionOfRegion(region: string): (typeof PARTITIONS)[number] {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  if (/^[a-z]+-isob-/.test(region)) return 'aws-iso-b';
  if (/^[a-z]+-isoe-/.test(region)) return 'aws-iso-e';
  if (/^[a-z]+-isof-/.test(region)) return 'aws-iso-f';
  if (/^[a-z]+-iso-/.test(region)) return 'aws-iso';
  return 'aws';
}

export function isPartition(text: string): boolean {
  return (PARTITIONS as readonly string[]).includes(text);
}

/**
 * Why `region` is not a valid Region for `partition` (undefined when it is): a malformed code,
 * or a Region of another partition. `partition` may be undefined when the ARN's partition is a
 * wildcard or unknown.
 */
export function regionProblem(region: string, partition: string | undefined): string | undefined {
  if (!isRegionCode(region)) return `"${region}" is not a Region code (Region codes look like "us-east-1")`;
  if (partition && isPartition(partition) && partitionOfRegion(region) !== partition) {
    return `"${region}" is a Region of the ${partitionOfRegion(region)} partition, not of ${partition}`;
  }
  return undefined;
}
