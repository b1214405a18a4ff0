/**
 * A policy document of a JSON template that calls intrinsic functions (`{"Fn::Sub": ...}`,
 * `{"Ref": ...}`): its own characters are JSON as in a policy file except for those calls. Each
 * call is overwritten with an empty object and spaces (line breaks kept), so every other character keeps
 * its line and column, and completion runs on the document's own text as on a policy file.
 */
import { parseTree, type Node } from 'jsonc-parser';

/** The document text with its intrinsic function calls blanked; undefined when `offset` is inside one. */
export function blankIntrinsicCalls(documentText: string, offset: number): string | undefined {
  const root = parseTree(documentText, [], { allowTrailingComma: true });
  if (!root) return documentText;
  const calls: Node[] = [];
  const visit = (node: Node) => {
    if (isIntrinsicCall(node)) calls.push(node);
    else for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  let text = documentText;
  for (const call of calls) {
    const end = call.offset + call.length;
    if (offset > call.offset && offset < end) return undefined;
    text = text.slice(0, call.offset) + blank(text.slice(call.offset, end)) + text.slice(end);
  }
  return text;
}

/** `{"Ref": ...}` or `{"Fn::...": ...}` with nothing else: the CloudFormation intrinsic function reference's form. */
function isIntrinsicCall(node: Node): boolean {
  if (node.type !== 'object' || node.children?.length !== 1) return false;
  const key = node.children[0].children?.[0]?.value;
  return typeof key === 'string' && (key === 'Ref' || key.startsWith('Fn::'));
}

/** `{` and `}` kept, everything between them a space except line breaks: an empty object in the call's place. */
function blank(call: string): string {
  return `{${call.slice(1, -1).replace(/[^\r\n]/g, ' ')}}`;
}
