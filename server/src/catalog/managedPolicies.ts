import type { CatalogDataSource } from './dataSource';
import { dataPaths, type ManagedPolicyIndexEntry, type ManagedPolicyIndexFile } from './dataFiles';

export interface ManagedPolicySummary {
  readonly name: string;
  /** "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" (in the partition asked for). */
  readonly arn: string;
  /** IAM path with both slashes: "/", "/service-role/", "/aws-service-role/", "/job-function/". */
  readonly path: string;
  /** Default (latest) version, as IAM reports it: "v59". */
  readonly versionId: string;
  /** Day that version was created (YYYY-MM-DD), when the data has it. */
  readonly updated?: string;
}

export interface ManagedPolicy extends ManagedPolicySummary {
  /** The policy document of the default version, pretty-printed with 4 spaces as IAM shows it. */
  readonly documentText: string;
}

// arn:<partition>:iam::aws:policy<path><name>; the account is the literal "aws" for AWS
// managed policies (reference_identifiers.md).
const AWS_MANAGED_POLICY_ARN = /^arn:(aws[a-z-]*):iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/;

const NAME = 0;
const PATH = 1;
const VERSION_ID = 2;
const UPDATED = 3;
const SHARD = 4;
const OFFSET = 5;
const LENGTH = 6;

/**
 * The AWS managed policies, latest version only. The index (names, paths, versions) loads
 * once; each document is read on demand, by byte range where the data source can, otherwise
 * by reading its shard once and keeping it.
 */
export class ManagedPolicyStore {
  private readonly byName: Map<string, ManagedPolicyIndexEntry>;
  private byLowerCaseName?: Map<string, ManagedPolicyIndexEntry>;
  private readonly shardTexts = new Map<number, Promise<string>>();

  private constructor(
    private readonly source: CatalogDataSource,
    private readonly index: ManagedPolicyIndexFile,
  ) {
    this.byName = new Map(index.policies.map((entry) => [entry[NAME], entry]));
  }

  static async load(source: CatalogDataSource): Promise<ManagedPolicyStore> {
    const index = JSON.parse(await source.readText(dataPaths.managedPolicyIndex)) as ManagedPolicyIndexFile;
    return new ManagedPolicyStore(source, index);
  }

  /** Every policy name, sorted. */
  listNames(): string[] {
    return this.index.policies.map((entry) => entry[NAME]);
  }

  /**
   * A policy by ARN or by bare name. An ARN must carry the policy's real path
   * (…:policy/ReadOnlyAccess, …:policy/aws-service-role/AWSSupportServiceRolePolicy): IAM
   * does not find a policy under another path. A bare name (as people write it in hover text
   * or a search box) matches exactly, else ignoring case.
   */
  find(nameOrArn: string): ManagedPolicySummary | undefined {
    const located = this.locate(nameOrArn);
    return located && this.summaryOf(located.entry, located.partition);
  }

  /** The policy with its document, or undefined when there is no such AWS managed policy. */
  async resolve(nameOrArn: string): Promise<ManagedPolicy | undefined> {
    const located = this.locate(nameOrArn);
    if (!located) return undefined;
    const minified = await this.readDocument(located.entry);
    return {
      ...this.summaryOf(located.entry, located.partition),
      documentText: JSON.stringify(JSON.parse(minified), null, 4),
    };
  }

  private locate(nameOrArn: string): { entry: ManagedPolicyIndexEntry; partition: string } | undefined {
    const text = nameOrArn.trim();
    if (text.startsWith('arn:')) {
      const parts = AWS_MANAGED_POLICY_ARN.exec(text);
      if (!parts) return undefined;
      const [, partition, path, name] = parts;
      const entry = this.byName.get(name);
      return entry && this.index.paths[entry[PATH]] === path ? { entry, partition } : undefined;
    }
    let entry = this.byName.get(text);
    if (!entry) {
      this.byLowerCaseName ??= new Map(this.index.policies.map((e) => [e[NAME].toLowerCase(), e]));
      entry = this.byLowerCaseName.get(text.toLowerCase());
    }
    return entry && { entry, partition: 'aws' };
  }

  private summaryOf(entry: ManagedPolicyIndexEntry, partition: string): ManagedPolicySummary {
    const path = this.index.paths[entry[PATH]];
    return {
      name: entry[NAME],
      arn: `arn:${partition}:iam::aws:policy${path}${entry[NAME]}`,
      path,
      versionId: entry[VERSION_ID],
      updated: entry[UPDATED] || undefined,
    };
  }

  private async readDocument(entry: ManagedPolicyIndexEntry): Promise<string> {
    const shard = dataPaths.managedPolicyShard(this.index.shards[entry[SHARD]]);
    const offset = entry[OFFSET];
    const length = entry[LENGTH];
    if (this.source.readTextRange) return this.source.readTextRange(shard, offset, length);
    let text = this.shardTexts.get(entry[SHARD]);
    if (!text) {
      text = this.source.readText(shard);
      this.shardTexts.set(entry[SHARD], text);
      void text.catch(() => this.shardTexts.delete(entry[SHARD]));
    }
    return (await text).slice(offset, offset + length);
  }
}
