/**
 * A resolved template value as JSON text, with a segment per key, value, property and
 * container saying which source span it stands for. The policy parser and every check then
 * see ordinary policy JSON, and segmentMapping carries their ranges back into the template.
 */
import type { MappedSegment } from '../sourceMapping';
import type { Resolved } from './intrinsics';
import type { TemplateNode } from './templateTree';

export interface RenderedJson {
  readonly text: string;
  readonly segments: readonly MappedSegment[];
}

const INDENT = '  ';

export function renderJson(value: Resolved): RenderedJson {
  const parts: string[] = [];
  const segments: MappedSegment[] = [];
  let length = 0;
  const write = (text: string) => {
    parts.push(text);
    length += text.length;
  };

  const scalar = (token: string, node: TemplateNode, exact: boolean, value: unknown) => {
    const textOffset = length;
    write(token);
    // Exact when the JSON token is the source's characters in quotes (nothing escaped).
    const characters = typeof value === 'string' && token.length === value.length + 2 ? value.length : -1;
    segments.push({
      textOffset,
      textLength: token.length,
      sourceOffset: node.offset,
      sourceLength: node.length,
      exact: exact && node.exactOffset !== undefined && characters >= 0 ? { textStart: textOffset + 1, sourceStart: node.exactOffset, length: characters } : undefined,
    });
  };

  const emit = (item: Resolved, depth: number) => {
    const start = length;
    switch (item.kind) {
      case 'none':
      case 'scalar': {
        const data = item.kind === 'none' ? null : item.value;
        scalar(JSON.stringify(data), item.node, item.kind === 'scalar' && item.exact, data);
        return;
      }
      case 'array': {
        if (item.items.length === 0) write('[]');
        else {
          write('[');
          item.items.forEach((child, index) => {
            write(`${index ? ',' : ''}\n${INDENT.repeat(depth + 1)}`);
            emit(child, depth + 1);
          });
          write(`\n${INDENT.repeat(depth)}]`);
        }
        break;
      }
      case 'object': {
        if (item.entries.length === 0) write('{}');
        else {
          write('{');
          item.entries.forEach((entry, index) => {
            write(`${index ? ',' : ''}\n${INDENT.repeat(depth + 1)}`);
            const propertyStart = length;
            scalar(JSON.stringify(entry.key), entry.keyNode, true, entry.key);
            write(': ');
            emit(entry.value, depth + 1);
            const valueNode = entry.value.node;
            const sourceEnd = Math.max(valueNode.offset + valueNode.length, entry.keyNode.offset + entry.keyNode.length);
            segments.push({ textOffset: propertyStart, textLength: length - propertyStart, sourceOffset: entry.keyNode.offset, sourceLength: sourceEnd - entry.keyNode.offset });
          });
          write(`\n${INDENT.repeat(depth)}}`);
        }
        break;
      }
    }
    segments.push({ textOffset: start, textLength: length - start, sourceOffset: item.node.offset, sourceLength: item.node.length });
  };

  emit(value, 0);
  return { text: parts.join(''), segments };
}
