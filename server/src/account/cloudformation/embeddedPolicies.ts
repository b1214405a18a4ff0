/**
 * Every policy document inside a CloudFormation template, with its kind known from where it
 * sits (an AssumeRolePolicyDocument is a trust policy, a BucketPolicy's document a resource
 * policy for S3...), its range in the file, and JSON text plus a mapping so the language server
 * runs the same diagnostics, completion and hover on it as on a policy file.
 *
 * The text is, in order of preference: the document's own characters (a JSON template whose
 * document uses no intrinsic function: ranges map exactly); the decoded string (a document
 * written as a JSON string); or a JSON rendering of the resolved value (YAML, or intrinsic
 * functions inside), whose keys and values map back to their own YAML or JSON source.
 */
import type { Range } from 'vscode-languageserver-types';
import type { PolicyKind } from '../../policy/kind';
import type { AccountProblem, SourceMapping } from '../model';
import { locationKind } from '../policyDocument';
import { accountProblem } from '../problems';
import { encodedStringMapping, segmentMapping, substringMapping } from '../sourceMapping';
import { containsIntrinsic, mapEntries, TemplateResolver, type TemplateResource } from './intrinsics';
import { renderJson } from './renderJson';
import { pseudoParameters, type TemplateOptions } from './templateOptions';
import { parseTemplate, valueOf, type ParsedTemplate, type TemplateNode } from './templateTree';

export interface EmbeddedPolicy {
  readonly logicalId: string;
  readonly resourceType: string;
  /** Where in the resource's Properties: "AssumeRolePolicyDocument", "Policies[0].PolicyDocument", "KeyPolicy". */
  readonly property: string;
  /** The inline policy's PolicyName, else "LogicalId PropertyName". */
  readonly name: string;
  readonly kind: PolicyKind;
  /** The document's value in the file: the object, the string, or the function call. */
  readonly range: Range;
  /** The policy as JSON; AST ranges are in this text. */
  readonly text: string;
  readonly mapping: SourceMapping;
}

/** Where documents sit, per resource type; `list` is a property holding `[{PolicyName, PolicyDocument}]`. */
type Location = { readonly property: string; readonly kind: PolicyKind | 'managed' } | { readonly list: string; readonly kind: PolicyKind };

const IDENTITY = locationKind('identity');
const POLICY_LOCATIONS: Readonly<Record<string, readonly Location[]>> = {
  'AWS::IAM::Role': [
    { property: 'AssumeRolePolicyDocument', kind: locationKind('trust') },
    { list: 'Policies', kind: IDENTITY },
  ],
  'AWS::IAM::User': [{ list: 'Policies', kind: IDENTITY }],
  'AWS::IAM::Group': [{ list: 'Policies', kind: IDENTITY }],
  'AWS::IAM::Policy': [{ property: 'PolicyDocument', kind: IDENTITY }],
  'AWS::IAM::RolePolicy': [{ property: 'PolicyDocument', kind: IDENTITY }],
  'AWS::IAM::UserPolicy': [{ property: 'PolicyDocument', kind: IDENTITY }],
  'AWS::IAM::GroupPolicy': [{ property: 'PolicyDocument', kind: IDENTITY }],
  // Identity policy, or permissions boundary when the template uses it only as one.
  'AWS::IAM::ManagedPolicy': [{ property: 'PolicyDocument', kind: 'managed' }],
  'AWS::S3::BucketPolicy': [{ property: 'PolicyDocument', kind: locationKind('resource', 's3') }],
  'AWS::SQS::QueuePolicy': [{ property: 'PolicyDocument', kind: locationKind('resource', 'sqs') }],
  'AWS::SNS::TopicPolicy': [{ property: 'PolicyDocument', kind: locationKind('resource', 'sns') }],
  'AWS::KMS::Key': [{ property: 'KeyPolicy', kind: locationKind('resource', 'kms') }],
};

export interface TemplateAnalysis {
  readonly uri: string;
  readonly parsed: ParsedTemplate;
  readonly resolver: TemplateResolver;
  readonly policies: readonly EmbeddedPolicy[];
  /** Syntax errors, unreadable resources and unknown references, with file positions. */
  readonly problems: readonly AccountProblem[];
}

/** For the language server: the policies of one template, with their kinds, ranges and text mappings. */
export function findEmbeddedPolicies(text: string, uri: string, options: TemplateOptions = {}): { policies: readonly EmbeddedPolicy[]; problems: readonly AccountProblem[] } {
  const { policies, problems } = analyseTemplate(text, uri, options);
  return { policies, problems };
}

export function analyseTemplate(text: string, uri: string, options: TemplateOptions = {}): TemplateAnalysis {
  const parsed = parseTemplate(text);
  const resolver = new TemplateResolver(parsed.root, pseudoParameters(options, uri), options.parameters);
  const problems: AccountProblem[] = parsed.problems.map((problem) =>
    accountProblem(uri, parsed.lines.range(problem.offset, problem.length), problem.severity === 'error' ? 'account-syntax' : 'template-invalid-resource', problem.message),
  );
  const finder = new PolicyFinder(parsed, resolver, uri, problems);
  const policies = [...resolver.resources.values()].flatMap((resource) => finder.policiesOf(resource));
  for (const problem of resolver.problems) problems.push(accountProblem(uri, parsed.lines.range(problem.offset, problem.length), problem.code, problem.message));
  return { uri, parsed, resolver, policies, problems };
}

class PolicyFinder {
  private boundaryArns?: Set<string>;

  constructor(
    private readonly parsed: ParsedTemplate,
    private readonly resolver: TemplateResolver,
    private readonly uri: string,
    private readonly problems: AccountProblem[],
  ) {}

  policiesOf(resource: TemplateResource): EmbeddedPolicy[] {
    const locations = POLICY_LOCATIONS[resource.type] ?? [];
    const found: EmbeddedPolicy[] = [];
    for (const location of locations) {
      if ('list' in location) {
        const list = valueOf(resource.properties, location.list);
        if (!list) continue;
        if (list.kind !== 'seq' || list.tag) {
          this.report(list, `${resource.logicalId}: ${location.list} must be a list of {PolicyName, PolicyDocument}.`);
          continue;
        }
        (list.items ?? []).forEach((item, index) => {
          const document = valueOf(item, 'PolicyDocument');
          const name = this.resolver.resolveText(valueOf(item, 'PolicyName')) || `${resource.logicalId} ${location.list}[${index}]`;
          if (!document) this.report(item, `${resource.logicalId}: ${location.list}[${index}] has no PolicyDocument.`);
          else this.push(found, resource, `${location.list}[${index}].PolicyDocument`, name, location.kind, document);
        });
        continue;
      }
      const document = valueOf(resource.properties, location.property);
      if (!document) continue;
      const kind = location.kind === 'managed' ? this.managedPolicyKind(resource) : location.kind;
      const name = this.resolver.resolveText(valueOf(resource.properties, 'PolicyName')) || `${resource.logicalId} ${location.property}`;
      this.push(found, resource, location.property, name, kind, document);
    }
    return found;
  }

  private push(found: EmbeddedPolicy[], resource: TemplateResource, property: string, name: string, kind: PolicyKind, node: TemplateNode): void {
    const rendered = this.textOf(node);
    if (!rendered) {
      this.report(node, `${resource.logicalId}: ${property} must be a policy document (an object, or JSON text).`);
      return;
    }
    found.push({
      logicalId: resource.logicalId,
      resourceType: resource.type,
      property,
      name,
      kind,
      range: this.parsed.lines.range(node.offset, node.length),
      ...rendered,
    });
  }

  private textOf(node: TemplateNode): { text: string; mapping: SourceMapping } | undefined {
    const { parsed } = this;
    if (node.kind === 'map' && parsed.format === 'json' && !containsIntrinsic(node)) {
      const text = parsed.text.slice(node.offset, node.offset + node.length);
      return { text, mapping: substringMapping(text, parsed.lines.position(node.offset)) };
    }
    if (node.kind === 'scalar' && !node.tag && typeof node.value === 'string') {
      const text = node.value;
      if (parsed.format === 'json') {
        const token = parsed.text.slice(node.offset, node.offset + node.length);
        return { text, mapping: encodedStringMapping(text, parsed.lines.position(node.offset), token, false) };
      }
      if (node.exactOffset !== undefined) return { text, mapping: substringMapping(text, parsed.lines.position(node.exactOffset)) };
      return { text, mapping: this.wholeNodeMapping(text, node) };
    }
    const resolved = this.resolver.resolve(node);
    if (resolved.kind === 'object') {
      const { text, segments } = renderJson(resolved);
      return { text, mapping: segmentMapping(text, segments, parsed.lines) };
    }
    if (resolved.kind === 'scalar' && typeof resolved.value === 'string') return { text: resolved.value, mapping: this.wholeNodeMapping(resolved.value, node) };
    return undefined;
  }

  private wholeNodeMapping(text: string, node: TemplateNode): SourceMapping {
    return segmentMapping(text, [{ textOffset: 0, textLength: text.length, sourceOffset: node.offset, sourceLength: node.length }], this.parsed.lines);
  }

  /**
   * A managed policy that the template names in a PermissionsBoundary and attaches nowhere is a
   * permissions boundary (access_policies_boundaries.md); otherwise an identity policy.
   */
  private managedPolicyKind(resource: TemplateResource): PolicyKind {
    const arn = this.resolver.refText(resource.logicalId, resource.keyNode);
    if (!this.boundaryArns) {
      this.boundaryArns = new Set();
      for (const other of this.resolver.resources.values()) {
        if (other.type !== 'AWS::IAM::Role' && other.type !== 'AWS::IAM::User') continue;
        const boundary = valueOf(other.properties, 'PermissionsBoundary');
        if (boundary) this.boundaryArns.add(this.resolver.resolveText(boundary));
      }
    }
    if (!this.boundaryArns.has(arn)) return IDENTITY;
    const attachedDirectly = ['Roles', 'Users', 'Groups'].some((key) => valueOf(resource.properties, key) !== undefined);
    const attachedByArn = [...this.resolver.resources.values()].some((other) =>
      mapEntries(other.properties).some(
        (entry) => entry.key === 'ManagedPolicyArns' && entry.value?.kind === 'seq' && (entry.value.items ?? []).some((item) => this.resolver.resolveText(item) === arn),
      ),
    );
    return attachedDirectly || attachedByArn ? IDENTITY : locationKind('boundary');
  }

  private report(node: TemplateNode, message: string): void {
    this.problems.push(accountProblem(this.uri, this.parsed.lines.range(node.offset, node.length), 'template-invalid-resource', message));
  }
}
